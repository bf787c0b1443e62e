// The storage contract for check-in at the door: the ticket as the door reads it, the guarded
// admission (once, never for a void ticket or a cancelled event), the counts, and doors racing
// over connections of their own for one ticket. Part of storage_contract_test.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage_contract/orders_fixture.hpp"

namespace boxoffice {
namespace {

const TimePoint kDoors = at("2026-06-01T18:30:00Z");

class CheckInsContract : public OrdersFixture {
 protected:
  // A paid order of `buyer_` for the places of `items`, its codes signed with the event's key.
  Order sold(const Event& e, std::vector<HoldItem> items) {
    const auto keys = storage_->event_keys(e.id, [] { return security::new_signing_keys(); });
    auto o = make_order(hold(e, buyer_, std::move(items)), type_of(e));
    for (auto& t : o.tickets) t.code = security::ticket_code(keys.second, e.id, t.id);
    auto placed = storage_->insert_order(o, at("2026-03-05T10:05:00Z"));
    EXPECT_TRUE(placed) << placed.error().message;
    return o;
  }

  TicketType type_of(const Event& e) {
    auto& type = types_[e.id];
    if (type.id.empty()) type = add_type(e, "Standard", 5000);
    return type;
  }

  std::map<std::string, TicketType> types_;
};

TEST_F(CheckInsContract, DoorAccountsAreStored) {  // migration 011 widened the roles' CHECK
  auto a = test_account("door");
  a.account.role = Role::door;
  ASSERT_TRUE(storage_->insert_account(a));
  EXPECT_EQ(storage_->account_by_id(a.account.id)->role, Role::door);
  auto fresh = backend_->connect();  // a connection opened after the migration sees it alike
  EXPECT_EQ(fresh->account_by_email(a.account.email)->account.role, Role::door);
}

TEST_F(CheckInsContract, TheDoorReadsTheTicketWithItsEventAndKey) {
  auto e = add_event();
  auto o = sold(e, {seat("a", "a/A/1"), places("floor", 1)});
  EXPECT_FALSE(storage_->door_ticket("tkt_missing"));

  auto t = storage_->door_ticket(o.tickets[0].id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->door.event_id, e.id);
  EXPECT_EQ(t->door.event_status, EventStatus::on_sale);
  EXPECT_EQ(t->door.ticket.id, o.tickets[0].id);
  EXPECT_EQ(t->door.ticket.seat_id, "a/A/1");
  EXPECT_EQ(t->door.ticket.section, "a");
  EXPECT_EQ(t->door.ticket.code, o.tickets[0].code);
  EXPECT_FALSE(t->door.ticket.void_reason);
  EXPECT_FALSE(t->door.ticket.checked_in_at);
  const auto keys = storage_->event_keys(e.id, [] { return Storage::KeyPair{"x", "y"}; });
  EXPECT_EQ(t->event_public_key, keys.first);
  EXPECT_TRUE(security::verify_ticket_code(t->event_public_key, e.id, t->door.ticket.code));

  auto standing = storage_->door_ticket(o.tickets[1].id);
  ASSERT_TRUE(standing);
  EXPECT_EQ(standing->door.ticket.section, "floor");
  EXPECT_EQ(standing->door.ticket.seat_id, "");
}

TEST_F(CheckInsContract, ATicketIsAdmittedOnceAndKeepsItsFirstTime) {
  auto e = add_event();
  auto o = sold(e, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  const auto& id = o.tickets[0].id;
  EXPECT_TRUE(storage_->check_in_ticket(id, kDoors));
  EXPECT_FALSE(storage_->check_in_ticket(id, kDoors + std::chrono::minutes(5)));
  EXPECT_FALSE(storage_->check_in_ticket("tkt_missing", kDoors));
  EXPECT_EQ(storage_->door_ticket(id)->door.ticket.checked_in_at, kDoors);
  EXPECT_FALSE(storage_->door_ticket(o.tickets[1].id)->door.ticket.checked_in_at);
  // The order shows it too.
  auto loaded = storage_->order(o.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->tickets[0].checked_in_at, kDoors);
  EXPECT_FALSE(loaded->tickets[1].checked_in_at);
}

TEST_F(CheckInsContract, VoidTicketsAndTicketsOfCancelledEventsAreNotAdmitted) {
  auto e = add_event();
  auto o = sold(e, {seat("a", "a/A/1"), seat("a", "a/A/2"), seat("a", "a/A/3")});
  // Nothing behind the port voids a ticket yet (refunds and transfers will): written directly.
  scratch_.execute("UPDATE tickets SET void_reason = 'refunded' WHERE id = '" + o.tickets[0].id +
                   "'");
  scratch_.execute("UPDATE tickets SET void_reason = 'transferred' WHERE id = '" + o.tickets[1].id +
                   "'");
  EXPECT_FALSE(storage_->check_in_ticket(o.tickets[0].id, kDoors));
  EXPECT_FALSE(storage_->check_in_ticket(o.tickets[1].id, kDoors));
  auto refunded = storage_->door_ticket(o.tickets[0].id);
  EXPECT_EQ(refunded->door.ticket.void_reason, TicketVoid::refunded);
  EXPECT_FALSE(refunded->door.ticket.checked_in_at);
  EXPECT_EQ(storage_->door_ticket(o.tickets[1].id)->door.ticket.void_reason,
            TicketVoid::transferred);

  // A cancelled event admits nobody, even before its orders are settled.
  scratch_.execute("UPDATE events SET status = 'cancelled' WHERE id = '" + e.id + "'");
  EXPECT_FALSE(storage_->check_in_ticket(o.tickets[2].id, kDoors));
  auto third = storage_->door_ticket(o.tickets[2].id);
  EXPECT_EQ(third->door.event_status, EventStatus::cancelled);
  EXPECT_FALSE(third->door.ticket.void_reason);
  EXPECT_FALSE(third->door.ticket.checked_in_at);
}

TEST_F(CheckInsContract, CountsTicketsCheckedInOfThoseValid) {
  auto e = add_event();
  auto other = add_event();
  EXPECT_EQ(storage_->check_in_counts(e.id).checked_in, 0);
  EXPECT_EQ(storage_->check_in_counts(e.id).valid, 0);
  auto o = sold(e, {seat("a", "a/A/1"), seat("a", "a/A/2"), places("floor", 2)});
  sold(other, {seat("a", "a/A/1")});
  ASSERT_TRUE(storage_->check_in_ticket(o.tickets[0].id, kDoors));
  ASSERT_TRUE(storage_->check_in_ticket(o.tickets[2].id, kDoors));
  scratch_.execute("UPDATE tickets SET void_reason = 'refunded' WHERE id = '" + o.tickets[1].id +
                   "'");
  const auto c = storage_->check_in_counts(e.id);
  EXPECT_EQ(c.checked_in, 2);
  EXPECT_EQ(c.valid, 3);
  EXPECT_EQ(storage_->check_in_counts(other.id).checked_in, 0);
  EXPECT_EQ(storage_->check_in_counts(other.id).valid, 1);
}

// Doors on connections of their own scan one ticket at the same moment: exactly one admits it,
// and every other sees the winner's time.
TEST_F(CheckInsContract, RacingDoorsAdmitATicketExactlyOnce) {
  auto e = add_event();
  auto o = sold(e, {seat("a", "a/A/1"), seat("a", "a/A/2"), seat("a", "a/A/3")});
  constexpr int kDoorsRacing = 8;
  for (const auto& ticket : o.tickets) {
    std::vector<std::unique_ptr<Storage>> connections;
    for (int i = 0; i < kDoorsRacing; ++i) connections.push_back(backend_->connect());
    std::atomic<int> ready{0};
    std::vector<int> admitted(kDoorsRacing, 0);
    std::vector<std::optional<TimePoint>> seen(kDoorsRacing);
    std::vector<std::thread> doors;
    for (int i = 0; i < kDoorsRacing; ++i) {
      doors.emplace_back([&, i] {
        ++ready;
        while (ready < kDoorsRacing) std::this_thread::yield();
        admitted[i] = connections[i]->check_in_ticket(ticket.id, kDoors + std::chrono::seconds(i));
        if (!admitted[i])
          seen[i] = connections[i]->door_ticket(ticket.id)->door.ticket.checked_in_at;
      });
    }
    for (auto& d : doors) d.join();
    int winners = 0, winner = -1;
    for (int i = 0; i < kDoorsRacing; ++i)
      if (admitted[i]) ++winners, winner = i;
    ASSERT_EQ(winners, 1) << ticket.id;
    const auto first = kDoors + std::chrono::seconds(winner);
    for (int i = 0; i < kDoorsRacing; ++i) {
      if (i != winner) {
        EXPECT_EQ(seen[i], first) << i;
      }
    }
    EXPECT_EQ(storage_->door_ticket(ticket.id)->door.ticket.checked_in_at, first);
  }
  EXPECT_EQ(storage_->check_in_counts(e.id).checked_in, 3);
}

}  // namespace
}  // namespace boxoffice
