// The storage contract for a manager's refund and a buyer's transfer of tickets: the same cases
// on every backend, including requests racing for one ticket over connections of their own.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <thread>

#include "domain/order_changes.hpp"
#include "storage_contract/orders_fixture.hpp"

namespace boxoffice {
namespace {

const TimePoint kNow = at("2026-03-05T10:05:00Z");

class RefundsContract : public OrdersFixture {
 protected:
  // A paid order of `account` for `items`, Standard tickets at 50.00 + 1.50 (row B: 60.00).
  Order sell(const Event& e, const TicketType& type, const std::string& account,
             std::vector<HoldItem> items) {
    auto o = make_order(hold(e, account, std::move(items)), type);
    auto sold = storage_->insert_order(o, kNow);
    EXPECT_TRUE(sold) << sold.error().message;
    return o;
  }

  TicketTransfer transfer_of(const Order& from, const Ticket& t, const std::string& sender,
                             const std::string& receiver) {
    TicketTransfer x;
    x.event_id = from.event_id;
    x.order_id = from.id;
    x.ticket_id = t.id;
    x.sender_id = sender;
    x.received.id = security::new_id("ord");
    x.received.event_id = from.event_id;
    x.received.account_id = receiver;
    x.received.hold_id = security::new_id("hld");
    x.received.currency = from.currency;
    x.received.buyer_name = "Receiver";
    x.received.buyer_email = "receiver@example.com";
    x.received.idempotency_key = "transfer:" + t.id;
    x.received.created_at = kNow;
    x.received.payment_method = "transfer";
    Ticket fresh;
    fresh.id = security::new_id("tkt");
    fresh.code = "code-" + fresh.id;
    x.received.tickets = {fresh};
    return x;
  }

  static const Ticket& ticket_at(const Order& o, std::size_t i) { return o.tickets.at(i); }

  // Runs `attempt(connection, t)` for t in [0, threads) at once, each over a connection of its
  // own: exactly one must succeed and every other be refused with "ticket_void".
  void expect_one_wins(int threads, const std::function<Result<Order>(Storage&, int)>& attempt) {
    std::atomic<int> won{0}, refused{0}, bad{0};
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([&, t] {
        auto connection = backend_->connect();
        auto r = attempt(*connection, t);
        if (r)
          ++won;
        else if (r.error().code == "ticket_void")
          ++refused;
        else
          ++bad;
      });
    }
    for (auto& t : running) t.join();
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(refused.load(), threads - 1);
  }

  std::int64_t sold_tickets(const Event& e) {
    std::int64_t n = 0;
    for (const auto& b : storage_->sales_buckets(e.id, 3600)) n += b.tickets;
    return n;
  }
};

TEST_F(RefundsContract, ARefundVoidsTicketsFreesTheirPlacesAndIsWrittenOnce) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = sell(e, type, buyer_, {seat("a", "a/A/1"), seat("a", "a/B/2"), places("floor", 3)});
  ASSERT_EQ(o.tickets.size(), 5u);
  const auto seen = storage_->inventory_snapshot(e.id)->seq;

  auto first = refund_of(o, {ticket_at(o, 1).id, ticket_at(o, 2).id, ticket_at(o, 3).id});
  EXPECT_EQ(first.amount, 6150 + 2 * 5150);
  auto after = storage_->refund_tickets(first);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->status, OrderStatus::partially_refunded);
  auto stored = storage_->order(o.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, OrderStatus::partially_refunded);
  for (std::size_t i = 0; i < 5; ++i) {
    const bool refunded = i >= 1 && i <= 3;
    EXPECT_EQ(stored->tickets[i].void_reason.has_value(), refunded) << i;
    EXPECT_EQ(after->tickets[i].void_reason.has_value(), refunded) << i;
    if (refunded) {
      EXPECT_EQ(*stored->tickets[i].void_reason, TicketVoid::refunded);
    }
  }
  EXPECT_TRUE(storage_->refund_recorded(first.id));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::sold);
  EXPECT_EQ(state_of(e, "a", "a/B/2"), SeatState::available);
  EXPECT_EQ(counts(e, "floor").sold, 1);
  EXPECT_EQ(counts(e, "a").sold, 1);
  // The change feed tells every node.
  bool told = false;
  for (const auto& c : storage_->inventory_changes(e.id, seen, 100))
    if (c.kind == InventoryChange::Kind::seat && c.item == "a/B/2")
      told = c.state == SeatState::available;
  EXPECT_TRUE(told);
  EXPECT_EQ(sold_tickets(e), 2);

  // The same refund again (a retry): the order as it is, nothing written twice.
  auto again = storage_->refund_tickets(first);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->status, OrderStatus::partially_refunded);
  EXPECT_EQ(counts(e, "floor").sold, 1);
  EXPECT_EQ(counts(e, "a").sold, 1);

  // Another refund naming a refunded ticket: 409, nothing written.
  auto overlapping = first;
  overlapping.id = "another-key";
  auto refused = storage_->refund_tickets(overlapping);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "ticket_void");
  EXPECT_FALSE(storage_->refund_recorded("another-key"));

  // The rest: the order is refunded, nothing is sold.
  auto rest = refund_of(*stored, {});
  EXPECT_EQ(rest.ticket_ids.size(), 2u);
  auto all = storage_->refund_tickets(rest);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->status, OrderStatus::refunded);
  EXPECT_EQ(storage_->order(o.id)->status, OrderStatus::refunded);
  EXPECT_EQ(counts(e, "a").sold, 0);
  EXPECT_EQ(counts(e, "floor").sold, 0);
  EXPECT_EQ(sold_tickets(e), 0);
  EXPECT_TRUE(storage_->sales_buckets(e.id, 3600).empty());
}

TEST_F(RefundsContract, RefundedPlacesSellAgainAndLeaveTheBuyersLimit) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000, 3);
  auto o = sell(e, type, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2"), places("floor", 1)});
  // The quota of 3 is sold out, and the buyer holds 3 of a limit of 3.
  auto refused = storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/3")}), 3);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "limit_exceeded");

  ASSERT_TRUE(storage_->refund_tickets(refund_of(o, {ticket_at(o, 0).id, ticket_at(o, 2).id})));
  // Two places fewer for the buyer (its order is partially refunded; its valid ticket counts).
  auto h = make_hold(e, buyer_, {seat("a", "a/A/3"), seat("a", "a/A/4")});
  ASSERT_TRUE(storage_->insert_hold(h, 3));
  EXPECT_FALSE(storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/B/1")}), 3));
  ASSERT_TRUE(storage_->end_hold(h.id, HoldStatus::released));

  // The refunded seat and standing place are held and bought again, within the quota.
  auto resold = sell(e, type, other_, {seat("a", "a/A/1"), places("floor", 1)});
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::sold);
  EXPECT_EQ(counts(e, "floor").sold, 1);
  EXPECT_EQ(storage_->order(resold.id)->status, OrderStatus::paid);
  EXPECT_EQ(sold_tickets(e), 3);
}

// Six managers refund the same ticket at once, each with a refund of its own: one is written.
TEST_F(RefundsContract, ConcurrentRefundsOfOneTicketRefundItOnce) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = sell(e, type, buyer_, {seat("a", "a/A/1"), places("floor", 2)});
  constexpr int kThreads = 6;
  expect_one_wins(kThreads, [&](Storage& connection, int t) {
    // Half name the seat's ticket alone, half name it with a standing place.
    std::vector<std::string> ids{ticket_at(o, 0).id};
    if (t % 2) ids.push_back(ticket_at(o, 1 + static_cast<std::size_t>(t) % 2).id);
    return connection.refund_tickets(refund_of(o, ids, "key-" + std::to_string(t)));
  });
  int recorded = 0;
  for (int t = 0; t < kThreads; ++t)
    recorded += storage_->refund_recorded("key-" + std::to_string(t));
  EXPECT_EQ(recorded, 1);
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::available);
  const auto stored = storage_->order(o.id);
  const auto voided = std::count_if(stored->tickets.begin(), stored->tickets.end(),
                                    [](const Ticket& t) { return t.void_reason.has_value(); });
  EXPECT_EQ(counts(e, "floor").sold, 2 - (voided - 1));
  EXPECT_EQ(stored->status, OrderStatus::partially_refunded);
}

// Two refunds naming one ticket: the second is refused before it moves any money, until the first
// lets go (its payment failed) or is written.
TEST_F(RefundsContract, ARefundClaimsItsTicketsBeforeTheMoneyMoves) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = sell(e, type, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  const auto first = refund_of(o, {ticket_at(o, 0).id});
  const auto wider = refund_of(o, {ticket_at(o, 0).id, ticket_at(o, 1).id});
  ASSERT_TRUE(storage_->claim_refund(first));
  ASSERT_TRUE(storage_->claim_refund(first));  // a retry passes its own claim
  auto refused = storage_->claim_refund(wider);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "refund_in_progress");
  // Nor is a claimed ticket refunded under another key.
  EXPECT_EQ(storage_->refund_tickets(wider).error().code, "ticket_void");
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::sold);

  storage_->release_refund(first);
  ASSERT_TRUE(storage_->claim_refund(wider));
  EXPECT_FALSE(storage_->claim_refund(first));
  ASSERT_TRUE(storage_->refund_tickets(wider));
  EXPECT_EQ(storage_->order(o.id)->status, OrderStatus::refunded);
  ASSERT_TRUE(storage_->claim_refund(wider));  // stored: nothing to claim
  EXPECT_EQ(storage_->claim_refund(first).error().code, "not_refundable");
}

TEST_F(RefundsContract, ATransferGivesANewTicketAndVoidsTheOld) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = sell(e, type, buyer_, {seat("a", "a/B/1"), places("floor", 1)});
  const auto& given = ticket_at(o, 0);
  auto x = transfer_of(o, given, buyer_, other_);
  auto received = storage_->transfer_ticket(x);
  ASSERT_TRUE(received) << received.error().message;
  ASSERT_EQ(received->tickets.size(), 1u);
  const auto& fresh = received->tickets.front();
  EXPECT_EQ(fresh.id, x.received.tickets.front().id);
  EXPECT_EQ(fresh.seat_id, "a/B/1");
  EXPECT_EQ(fresh.ticket_type_id, type.id);
  EXPECT_EQ(fresh.price, 6000);

  auto theirs = storage_->account_orders(other_, e.id, 10);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].id, x.received.id);
  EXPECT_EQ(theirs[0].status, OrderStatus::paid);
  EXPECT_EQ(theirs[0].payment_method, "transfer");
  EXPECT_EQ(theirs[0].total, 0);
  EXPECT_EQ(theirs[0].tickets.at(0).code, fresh.code);
  EXPECT_FALSE(theirs[0].tickets.at(0).void_reason);
  auto old = storage_->order(o.id);
  EXPECT_EQ(old->tickets[0].void_reason, TicketVoid::transferred);
  EXPECT_FALSE(old->tickets[1].void_reason);
  EXPECT_EQ(old->status, OrderStatus::paid);
  EXPECT_EQ(storage_->hold(x.received.hold_id)->status, HoldStatus::purchased);
  // The place stays sold, and the sale is counted once.
  EXPECT_EQ(state_of(e, "a", "a/B/1"), SeatState::sold);
  EXPECT_EQ(counts(e, "a").sold, 1);
  EXPECT_EQ(sold_tickets(e), 2);

  // The old ticket cannot be given again; the receiver gives the new one on.
  auto again = storage_->transfer_ticket(transfer_of(o, given, buyer_, other_));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "ticket_void");
  const auto third = add_account("third");
  auto not_theirs = storage_->transfer_ticket(transfer_of(received.value(), fresh, buyer_, third));
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().kind, ErrorKind::forbidden);
  auto on = storage_->transfer_ticket(transfer_of(received.value(), fresh, other_, third));
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(storage_->account_orders(third, e.id, 10).size(), 1u);
  EXPECT_EQ(storage_->order(received->id)->tickets[0].void_reason, TicketVoid::transferred);
  EXPECT_EQ(sold_tickets(e), 2);

  // The giver's order is refunded for what it still has; a received order was not paid for.
  auto rest = storage_->refund_tickets(refund_of(*storage_->order(o.id), {}));  // the floor's
  ASSERT_TRUE(rest) << rest.error().message;
  EXPECT_EQ(rest->status, OrderStatus::refunded);
  EXPECT_EQ(counts(e, "floor").sold, 0);
  EXPECT_EQ(state_of(e, "a", "a/B/1"), SeatState::sold);  // the receiver's seat stays sold
  EXPECT_EQ(decide_refund(on.value(), {}).error().code, "not_refundable");
}

TEST_F(RefundsContract, ConcurrentTransfersOfOneTicketGiveItOnce) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = sell(e, type, buyer_, {seat("a", "a/A/1")});
  constexpr int kThreads = 6;
  std::vector<std::string> receivers;
  for (int t = 0; t < kThreads; ++t) receivers.push_back(add_account("receiver"));
  expect_one_wins(kThreads, [&](Storage& connection, int t) {
    return connection.transfer_ticket(
        transfer_of(o, ticket_at(o, 0), buyer_, receivers[static_cast<std::size_t>(t)]));
  });
  int owners = 0;
  for (const auto& r : receivers) owners += !storage_->account_orders(r, e.id, 10).empty();
  EXPECT_EQ(owners, 1);
  EXPECT_EQ(counts(e, "a").sold, 1);
}

}  // namespace
}  // namespace boxoffice
