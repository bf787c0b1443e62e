// The storage contract for orders: the same cases on every backend, including buyers racing for a
// ticket type's last tickets over connections of their own. Part of storage_contract_test, whose
// main() reads `--backend=sqlite|postgres`.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/security.hpp"
#include "storage_contract/orders_fixture.hpp"

namespace boxoffice {
namespace {

const TimePoint kNow = at("2026-03-05T10:05:00Z");
constexpr std::string_view kSite = "https://tickets.example.com";

using OrdersContract = OrdersFixture;

TEST_F(OrdersContract, OrderRoundTripSellsTheHoldsPlaces) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto h = hold(e, buyer_, {seat("a", "a/B/2"), places("floor", 3), seat("a", "a/A/1")});
  auto o = make_order(h, type);
  ASSERT_EQ(o.tickets.size(), 5u);
  auto sold = storage_->insert_order(o, kNow);
  ASSERT_TRUE(sold) << sold.error().message;
  expect_same(sold.value(), o);

  auto loaded = storage_->order(o.id);
  ASSERT_TRUE(loaded);
  expect_same(*loaded, o);
  // Tickets keep the order they were given in, with their prices and codes.
  EXPECT_EQ(loaded->tickets[0].seat_id, "a/B/2");
  EXPECT_EQ(loaded->tickets[0].price, 6000);
  EXPECT_EQ(loaded->tickets[0].fees, 150);
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(loaded->tickets[i].section, "floor");
    EXPECT_EQ(loaded->tickets[i].seat_id, "");
    EXPECT_EQ(loaded->tickets[i].price, 5000);
  }
  EXPECT_EQ(loaded->tickets[4].seat_id, "a/A/1");
  EXPECT_EQ(loaded->tickets[4].price, 5000);
  EXPECT_EQ(loaded->total, 6000 + 4 * 5000 + 5 * 150);
  auto by_key = storage_->order_by_key(buyer_, o.idempotency_key);
  ASSERT_TRUE(by_key);
  expect_same(*by_key, o);
  EXPECT_FALSE(storage_->order("ord_missing"));
  EXPECT_FALSE(storage_->order_by_key(other_, o.idempotency_key));
  EXPECT_FALSE(storage_->order_by_key(buyer_, "another-key"));

  EXPECT_EQ(state_of(e, "a", "a/B/2"), SeatState::sold);
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::sold);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(storage_->taken_seats(e.id), (std::vector<std::string>{"a/A/1", "a/B/2"}));
  EXPECT_EQ(counts(e, "a").held, 0);
  EXPECT_EQ(counts(e, "a").sold, 2);
  EXPECT_EQ(counts(e, "floor").held, 0);
  EXPECT_EQ(counts(e, "floor").sold, 3);
  EXPECT_EQ(counts(e, "floor").available(), 7);
  auto purchased = storage_->hold(h.id);
  ASSERT_TRUE(purchased);
  EXPECT_EQ(purchased->status, HoldStatus::purchased);
  EXPECT_TRUE(storage_->active_holds(e.id, buyer_).empty());

  // A purchased hold can neither end nor expire, and its places stay sold.
  EXPECT_FALSE(storage_->end_hold(h.id, HoldStatus::released));
  EXPECT_TRUE(storage_->expire_holds(at("2026-03-06T00:00:00Z"), 10).empty());
  EXPECT_EQ(state_of(e, "a", "a/B/2"), SeatState::sold);
  EXPECT_EQ(counts(e, "floor").sold, 3);
}

// The buyer lets part of the hold go while paying for all of it: the order is refused whole, so
// no ticket is issued for a place that is anyone's again.
TEST_F(OrdersContract, PlacesReleasedSinceTheOrderWasPricedSellNothing) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto h = hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2"), places("floor", 2)});
  auto stale = make_order(h, type);
  auto smaller = storage_->release_part(h.id, {{"a/A/2"}, {places("floor", 1)}}, kNow);
  ASSERT_TRUE(smaller) << smaller.error().message;

  auto refused = storage_->insert_order(stale, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_EQ(refused.error().code, "hold_changed");
  EXPECT_FALSE(storage_->order(stale.id));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(counts(e, "floor").held, 1);
  EXPECT_EQ(counts(e, "floor").sold, 0);

  // Priced again from the hold as it is now, it sells.
  auto fresh = make_order(smaller.value(), type);
  ASSERT_EQ(fresh.tickets.size(), 2u);
  ASSERT_TRUE(storage_->insert_order(fresh, kNow));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::sold);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(counts(e, "floor").sold, 1);
  EXPECT_EQ(counts(e, "floor").held, 0);
}

TEST_F(OrdersContract, OnlyAnActiveHoldOfTheBuyerCanBeBought) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto h = hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 2)});

  // Expired at `now`, though not yet marked so.
  expect_hold_expired(storage_->insert_order(make_order(h, type), h.expires_at));
  expect_hold_expired(
      storage_->insert_order(make_order(h, type), h.expires_at + std::chrono::seconds(1)));
  // Someone else's hold.
  auto foreign = make_order(h, type);
  foreign.account_id = other_;
  expect_hold_expired(storage_->insert_order(foreign, kNow));
  // No such hold.
  auto missing = make_order(h, type);
  missing.hold_id = "hld_missing";
  expect_hold_expired(storage_->insert_order(missing, kNow));
  // Nothing was written by the refusals.
  EXPECT_FALSE(storage_->order(foreign.id));
  EXPECT_EQ(storage_->hold(h.id)->status, HoldStatus::active);
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);
  EXPECT_EQ(counts(e, "floor").held, 2);
  EXPECT_EQ(counts(e, "floor").sold, 0);

  // Already purchased, under another key.
  ASSERT_TRUE(storage_->insert_order(make_order(h, type), kNow));
  auto again = make_order(h, type);
  expect_hold_expired(storage_->insert_order(again, kNow));
  EXPECT_FALSE(storage_->order(again.id));
  EXPECT_EQ(counts(e, "floor").sold, 2);

  // Released.
  auto released = hold(e, buyer_, {seat("a", "a/A/2")});
  ASSERT_TRUE(storage_->end_hold(released.id, HoldStatus::released));
  expect_hold_expired(storage_->insert_order(make_order(released, type), kNow));
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
}

TEST_F(OrdersContract, APaidOrderSendsItsConfirmationAndItsEventWithIt) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  const Webhook hook{"whk_paid", "http://127.0.0.1:9/paid", "whsec_x", {"order.paid"}, buyer_,
                     kNow};
  storage_->insert_webhook(hook);
  storage_->insert_webhook(
      {"whk_other", "http://127.0.0.1:9/other", "whsec_y", {"event.cancelled"}, buyer_, kNow});
  auto h = hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 1)});
  // Refused orders send nothing.
  expect_hold_expired(storage_->insert_order(make_order(h, type), h.expires_at));
  EXPECT_EQ(storage_->outbox_counts().waiting, 0);

  auto o = make_order(h, type, "key-mail");
  ASSERT_TRUE(storage_->insert_order(o, kNow));
  ASSERT_TRUE(storage_->insert_order(make_order(h, type, "key-mail"), kNow)) << "a retry";
  auto sent = storage_->claim_outbox(kNow, std::chrono::seconds(60), 10, true, true);
  ASSERT_EQ(sent.size(), 2u) << "one e-mail, one event for the one webhook that asked";
  for (const auto& d : sent) {
    if (!d.webhook) {
      EXPECT_EQ(d.message.to, "ada@example.com");
      EXPECT_EQ(d.message.subject, "Your tickets for Show");
      for (const auto& t : o.tickets)
        EXPECT_NE(d.message.body.find("Code: " + t.code), std::string::npos) << d.message.body;
      EXPECT_NE(d.message.body.find("seat a/A/1, Standard, EUR 51.50"), std::string::npos)
          << d.message.body;
      continue;
    }
    EXPECT_EQ(d.webhook->id, hook.id);
    const auto body = boost::json::parse(d.message.body).as_object();
    EXPECT_EQ(body.at("id").as_string(), d.message.id);
    EXPECT_EQ(body.at("type").as_string(), "order.paid");
    EXPECT_EQ(body.at("created_at").as_string(), format_rfc3339(kNow));
    const auto& order = body.at("data").at("order");
    EXPECT_EQ(order.at("id").as_string(), o.id);
    EXPECT_EQ(order.at("total").as_int64(), o.total);
    EXPECT_EQ(order.at("tickets").as_array().size(), 2u);
    EXPECT_EQ(body.at("data").at("event").at("id").as_string(), e.id);
  }
}

TEST_F(OrdersContract, TheSameIdempotencyKeyReturnsTheFirstOrder) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto h = hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 2)});
  auto first = make_order(h, type, "key-1");
  ASSERT_TRUE(storage_->insert_order(first, kNow));

  // A retry of the same request, with a new order id.
  auto retry = make_order(h, type, "key-1");
  auto r = storage_->insert_order(retry, kNow);
  ASSERT_TRUE(r) << r.error().message;
  expect_same(r.value(), first);
  EXPECT_FALSE(storage_->order(retry.id));

  // The key wins even over another hold: that hold stays as it was.
  auto h2 = hold(e, buyer_, {seat("a", "a/A/2")});
  auto other_hold = make_order(h2, type, "key-1");
  r = storage_->insert_order(other_hold, kNow);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->id, first.id);
  EXPECT_EQ(storage_->hold(h2.id)->status, HoldStatus::active);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::held);
  EXPECT_EQ(counts(e, "a").sold, 1);
  EXPECT_EQ(counts(e, "floor").sold, 2);

  // Keys are per account.
  auto h3 = hold(e, other_, {seat("a", "a/A/3")});
  auto theirs = make_order(h3, type, "key-1");
  r = storage_->insert_order(theirs, kNow);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->id, theirs.id);
  EXPECT_EQ(counts(e, "a").sold, 2);
}

TEST_F(OrdersContract, AnAccountsOrdersComeNewestFirst) {
  auto e = add_event();
  auto e2 = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto type2 = add_type(e2, "Standard", 5000);
  std::vector<std::string> ids;
  int minute = 0;
  for (const auto* s : {"a/A/1", "a/A/2", "a/A/3"}) {
    auto o = make_order(hold(e, buyer_, {seat("a", s)}), type);
    o.created_at = at(("2026-03-05T10:0" + std::to_string(minute++) + ":00Z").c_str());
    ASSERT_TRUE(storage_->insert_order(o, kNow));
    ids.insert(ids.begin(), o.id);
  }
  auto elsewhere = make_order(
      hold(e2, buyer_, {seat("a", "a/B/2"), places("floor", 2), seat("a", "a/A/1")}), type2);
  elsewhere.created_at = at("2026-03-05T09:00:00Z");
  ASSERT_TRUE(storage_->insert_order(elsewhere, kNow));
  ASSERT_TRUE(
      storage_->insert_order(make_order(hold(e, other_, {seat("a", "a/B/1")}), type), kNow));

  std::vector<std::string> listed;
  for (const auto& o : storage_->account_orders(buyer_, e.id, 10)) {
    listed.push_back(o.id);
    EXPECT_EQ(o.tickets.size(), 1u);
  }
  EXPECT_EQ(listed, ids);
  auto all = storage_->account_orders(buyer_, "", 10);
  ASSERT_EQ(all.size(), 4u);
  expect_same(all.back(), elsewhere);  // every ticket, in its order
  EXPECT_EQ(storage_->account_orders(buyer_, "", 2).size(), 2u);
  EXPECT_EQ(storage_->account_orders(buyer_, "", 2).front().id, ids.front());
  EXPECT_TRUE(storage_->account_orders("acc_nobody", "", 10).empty());
}

TEST_F(OrdersContract, SalesAreSummedPerStretchOfTime) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);  // fee 150 per ticket
  auto place = [&](std::vector<HoldItem> items, const char* when) {
    auto o = make_order(hold(e, buyer_, std::move(items)), type);
    o.created_at = at(when);
    auto stored = storage_->insert_order(o, kNow);
    EXPECT_TRUE(stored) << stored.error().message;
    return o;
  };
  place({seat("a", "a/A/1"), seat("a", "a/A/2")}, "2026-03-05T09:10:00Z");
  place({places("floor", 3)}, "2026-03-05T09:59:59Z");
  place({seat("a", "a/A/3")}, "2026-03-05T11:00:00Z");
  EXPECT_TRUE(storage_->sales_buckets(add_event().id, 3600).empty());

  auto hours = storage_->sales_buckets(e.id, 3600);
  ASSERT_EQ(hours.size(), 2u) << "the hour without a sale is left out";
  EXPECT_EQ(hours[0].start, at("2026-03-05T09:00:00Z"));
  EXPECT_EQ(hours[0].orders, 2);
  EXPECT_EQ(hours[0].tickets, 5);
  EXPECT_EQ(hours[0].revenue, 5 * 5150);
  EXPECT_EQ(hours[1].start, at("2026-03-05T11:00:00Z"));
  EXPECT_EQ(hours[1].orders, 1);
  EXPECT_EQ(hours[1].tickets, 1);
  EXPECT_EQ(hours[1].revenue, 5150);

  auto days = storage_->sales_buckets(e.id, 86400);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].start, at("2026-03-05T00:00:00Z"));
  EXPECT_EQ(days[0].orders, 3);
  EXPECT_EQ(days[0].tickets, 6);
}

TEST_F(OrdersContract, ATicketTypeSellsNoMoreThanItsQuota) {
  auto e = add_event();
  auto vip = add_type(e, "VIP", 9000, 2);
  auto standard = add_type(e, "Standard", 5000);
  auto two = hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  ASSERT_TRUE(storage_->insert_order(make_order(two, vip), kNow));

  auto third = hold(e, other_, {seat("a", "a/A/3")});
  auto refused = storage_->insert_order(make_order(third, vip), kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_EQ(refused.error().code, "quota_exceeded");
  EXPECT_EQ(refused.error().fields.size(), 1u);
  EXPECT_TRUE(refused.error().fields.count(vip.id));
  EXPECT_EQ(storage_->hold(third.id)->status, HoldStatus::active);
  EXPECT_EQ(state_of(e, "a", "a/A/3"), SeatState::held);

  // Another type is not limited by it.
  auto r = storage_->insert_order(make_order(third, standard), kNow);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(counts(e, "a").sold, 3);

  // A standing hold counts each of its places against the quota.
  auto small = add_type(e, "Early", 4000, 3);
  auto floor = hold(e, other_, {places("floor", 4)});
  refused = storage_->insert_order(make_order(floor, small), kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "quota_exceeded");
  EXPECT_TRUE(refused.error().fields.count(small.id));
  EXPECT_EQ(counts(e, "floor").held, 4);
  EXPECT_EQ(counts(e, "floor").sold, 0);
}

TEST_F(OrdersContract, TheBuyerLimitCountsBoughtTickets) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto h = hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 2)});
  ASSERT_TRUE(storage_->insert_order(make_order(h, type), kNow));

  Hold more{security::new_id("hld"),
            e.id,
            buyer_,
            HoldStatus::active,
            kNow,
            kNow + std::chrono::seconds(900),
            {seat("a", "a/A/2"), seat("a", "a/A/3")}};
  auto refused = storage_->insert_hold(more, 4);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "limit_exceeded");
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  more.items.pop_back();
  ASSERT_TRUE(storage_->insert_hold(more, 4));
  // Other buyers are not limited by it.
  Hold theirs{security::new_id("hld"), e.id, other_,
              HoldStatus::active,      kNow, kNow + std::chrono::seconds(900),
              {places("floor", 4)}};
  EXPECT_TRUE(storage_->insert_hold(theirs, 4));
}

TEST_F(OrdersContract, EventKeysAreMadeOnceAndShared) {
  auto e = add_event();
  int made = 0;
  const auto generate = [&] {
    ++made;
    return Storage::KeyPair{"public-" + std::to_string(made), "secret-" + std::to_string(made)};
  };
  const auto first = storage_->event_keys(e.id, generate);
  EXPECT_EQ(first, (Storage::KeyPair{"public-1", "secret-1"}));
  EXPECT_EQ(storage_->event_keys(e.id, generate), first);
  EXPECT_EQ(backend_->connect()->event_keys(e.id, generate), first);
  EXPECT_EQ(made, 1);
  // Each event has its own pair.
  auto other = add_event();
  EXPECT_EQ(storage_->event_keys(other.id, generate), (Storage::KeyPair{"public-2", "secret-2"}));

  // Nodes racing for a new event's keys all get the pair that was stored first.
  auto raced = add_event();
  constexpr int kThreads = 8;
  std::vector<Storage::KeyPair> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      got[static_cast<std::size_t>(t)] = connection->event_keys(raced.id, [t] {
        return Storage::KeyPair{"public-t" + std::to_string(t), "secret-t" + std::to_string(t)};
      });
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& pair : got) EXPECT_EQ(pair, got.front());
  EXPECT_EQ(storage_->event_keys(raced.id, generate), got.front());
}

// Eight buyers each buy their own seat at once with a type of which only three are left: exactly
// three orders go through and exactly their seats are sold.
TEST_F(OrdersContract, ConcurrentOrdersStopAtTheQuota) {
  auto e = add_event();
  constexpr int kThreads = 8, kQuota = 3;
  auto limited = add_type(e, "Limited", 7000, kQuota);
  std::vector<Order> orders;
  const auto all = storage_->seats(e.id, "r");
  for (int t = 0; t < kThreads; ++t) {
    auto h = hold(e, add_account("racer"), {seat("r", all[static_cast<std::size_t>(t)].id)});
    orders.push_back(make_order(h, limited));
  }
  std::atomic<int> bad{0}, refused{0};
  std::mutex mutex;
  std::set<std::string> sold_seats;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      const auto& o = orders[static_cast<std::size_t>(t)];
      auto r = connection->insert_order(o, kNow);
      if (r) {
        std::lock_guard lock(mutex);
        sold_seats.insert(o.tickets.front().seat_id);
      } else if (r.error().code == "quota_exceeded" && r.error().fields.count(limited.id)) {
        ++refused;
      } else {
        ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(sold_seats.size(), static_cast<std::size_t>(kQuota));
  EXPECT_EQ(refused.load(), kThreads - kQuota);
  EXPECT_EQ(counts(e, "r").sold, kQuota);
  EXPECT_EQ(counts(e, "r").held, kThreads - kQuota);
  for (const auto& s : storage_->seats(e.id, "r"))
    EXPECT_EQ(s.state == SeatState::sold, sold_seats.count(s.id) == 1) << s.id;
  int stored = 0;
  for (const auto& o : orders) {
    auto loaded = storage_->order(o.id);
    if (!loaded) continue;
    ++stored;
    EXPECT_EQ(loaded->tickets.size(), 1u);
    EXPECT_EQ(storage_->hold(o.hold_id)->status, HoldStatus::purchased);
  }
  EXPECT_EQ(stored, kQuota);
}

// Retries of one request on several nodes, each with a hold of its own: one order is stored and
// every request gets it.
TEST_F(OrdersContract, ConcurrentRetriesStoreOneOrder) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  constexpr int kThreads = 6;
  std::vector<Order> orders;
  for (int t = 0; t < kThreads; ++t) {
    auto h = hold(e, buyer_, {places("floor", 1)});
    orders.push_back(make_order(h, type, "same-key"));
  }
  std::vector<std::string> got(kThreads);
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      auto r = connection->insert_order(orders[static_cast<std::size_t>(t)], kNow);
      if (r)
        got[static_cast<std::size_t>(t)] = r->id;
      else
        ++bad;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  for (const auto& id : got) EXPECT_EQ(id, got.front());
  auto stored = storage_->order_by_key(buyer_, "same-key");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, got.front());
  EXPECT_EQ(counts(e, "floor").sold, 1);
  EXPECT_EQ(counts(e, "floor").held, kThreads - 1);
  EXPECT_EQ(storage_->active_holds(e.id, buyer_).size(), static_cast<std::size_t>(kThreads - 1));
}

// After the sale: a cancelled event's orders are settled once, however many nodes try at once.
class SettlementContract : public OrdersContract {
 protected:
  // Cancels `e` with `resolution`, storing its settlement with the new status.
  Settlement cancel(const Event& e, Resolution resolution) {
    Settlement s{e.id, resolution, std::nullopt, std::nullopt, kNow, std::nullopt};
    Event cancelled = *storage_->event(e.id);
    cancelled.status = EventStatus::cancelled;
    auto stored = storage_->update_event(cancelled, cancelled.revision, nullptr,
                                         {e.id, kNow, buyer_, "cancel", ""}, &s);
    EXPECT_TRUE(stored) << stored.error().message;
    auto read = storage_->settlement(e.id);
    EXPECT_TRUE(read);
    return read ? *read : s;
  }
  static std::string code() { return security::new_id("vch"); }
};

TEST_F(SettlementContract, RacingNodesSettleAnOrderOnceAndItsCreditIsWrittenOnce) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = make_order(hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 2)}), type);
  ASSERT_TRUE(storage_->insert_order(o, kNow));
  const auto settlement = cancel(e, Resolution::credit);
  ASSERT_EQ(storage_->open_settlements(10).size(), 1u);
  EXPECT_EQ(storage_->orders_with_status(e.id, OrderStatus::paid, 10),
            std::vector<std::string>{o.id});

  constexpr int kThreads = 6;
  std::atomic<int> settled{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      auto connection = backend_->connect();
      settled += connection->settle_order(o.id, settlement, Resolution::credit, kNow, code, kSite);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(settled.load(), 1);

  auto after = storage_->order(o.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, OrderStatus::credited);
  for (const auto& t : after->tickets) EXPECT_EQ(t.void_reason, TicketVoid::cancelled);
  const auto entries = storage_->credit_entries(buyer_, 10);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].amount, o.total);
  EXPECT_EQ(entries[0].order_id, o.id);
  EXPECT_EQ(storage_->credit_balances(buyer_), (std::vector<CreditBalance>{{"EUR", o.total}}));
  EXPECT_TRUE(storage_->finish_settlement(e.id, kNow));
  EXPECT_TRUE(storage_->open_settlements(10).empty());
  const auto groups = storage_->settled_orders(e.id);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].status, OrderStatus::credited);
  EXPECT_EQ(groups[0].orders, 1);
  EXPECT_EQ(groups[0].amount, o.total);
}

// A manager's refund claimed tickets and is asking the provider: settling the order now would pay
// those tickets back twice, so it waits until the refund is written (or let go).
TEST_F(SettlementContract, AnOrderWithARefundUnderWayIsSettledAfterIt) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = make_order(hold(e, buyer_, {seat("a", "a/A/3"), seat("a", "a/A/4")}), type);
  ASSERT_TRUE(storage_->insert_order(o, kNow));
  const auto refund = refund_of(o, {o.tickets[0].id}, "", kNow);
  ASSERT_TRUE(storage_->claim_refund(refund));
  const auto settlement = cancel(e, Resolution::refund);
  EXPECT_FALSE(storage_->settle_order(o.id, settlement, Resolution::refund, kNow, code, kSite));
  EXPECT_EQ(storage_->order(o.id)->status, OrderStatus::paid);
  EXPECT_FALSE(storage_->finish_settlement(e.id, kNow));

  ASSERT_TRUE(storage_->refund_tickets(refund));
  ASSERT_TRUE(storage_->settle_order(o.id, settlement, Resolution::refund, kNow, code, kSite));
  auto after = storage_->order(o.id);
  EXPECT_EQ(after->status, OrderStatus::refunded);
  EXPECT_EQ(after->tickets[0].void_reason, TicketVoid::refunded);
  EXPECT_EQ(after->tickets[1].void_reason, TicketVoid::cancelled);
  const auto pending = storage_->pending_refunds(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].amount, o.tickets[1].price + o.tickets[1].fees)
      << "the settlement pays back only what the manager's refund did not";
  const auto refunds = storage_->order_refunds(o.id);
  ASSERT_EQ(refunds.size(), 2u);
  EXPECT_EQ(refunds[1].id, refund.id);  // ordered by time, then id: "cancel_" first
  EXPECT_EQ(refunds[1].reference, refund.reference);
}

TEST_F(SettlementContract, ARefundStaysPendingUntilTheProviderHasAnswered) {
  auto e = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = make_order(hold(e, buyer_, {seat("a", "a/A/2")}), type);
  ASSERT_TRUE(storage_->insert_order(o, kNow));
  const auto settlement = cancel(e, Resolution::refund);
  ASSERT_TRUE(storage_->settle_order(o.id, settlement, Resolution::refund, kNow, code, kSite));
  EXPECT_FALSE(storage_->settle_order(o.id, settlement, Resolution::refund, kNow, code, kSite));

  auto pending = storage_->pending_refunds(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].order_id, o.id);
  EXPECT_EQ(pending[0].amount, o.total);
  EXPECT_EQ(pending[0].charge_reference, o.payment_reference);
  EXPECT_FALSE(storage_->finish_settlement(e.id, kNow)) << "a refund is still owed";
  storage_->finish_refund(pending[0].id, "re_1");
  EXPECT_TRUE(storage_->pending_refunds(10).empty());
  EXPECT_TRUE(storage_->finish_settlement(e.id, kNow));
  EXPECT_TRUE(storage_->credit_entries(buyer_, 10).empty());
}

TEST_F(SettlementContract, VouchersAreForTheRescheduledEventAndHoldsOfTheCancelledOneEnd) {
  auto e = add_event();
  auto later = add_event();
  auto type = add_type(e, "Standard", 5000);
  auto o = make_order(hold(e, buyer_, {seat("a", "a/A/3"), seat("a", "a/A/4")}), type);
  ASSERT_TRUE(storage_->insert_order(o, kNow));
  auto open = hold(e, other_, {seat("a", "a/B/1"), places("floor", 2)});
  auto settlement = cancel(e, Resolution::voucher);
  settlement.rescheduled_event_id = later.id;
  ASSERT_TRUE(storage_->settle_order(o.id, settlement, Resolution::voucher, kNow, code, kSite));
  const auto vouchers = storage_->vouchers(buyer_);
  ASSERT_EQ(vouchers.size(), 2u);
  for (const auto& v : vouchers) {
    EXPECT_EQ(v.event_id, later.id);
    EXPECT_EQ(v.value, o.tickets[0].price + o.tickets[0].fees);
    EXPECT_EQ(v.status, "issued");
  }
  EXPECT_EQ(storage_->release_event_holds(e.id, 10), 1u);
  EXPECT_EQ(storage_->hold(open.id)->status, HoldStatus::released);
  EXPECT_EQ(storage_->release_event_holds(e.id, 10), 0u);
}

}  // namespace
}  // namespace boxoffice
