#pragma once
// The fixture of the contract suites about orders: ticket types, holds and orders made as the
// application makes them.
#include <set>

#include "app/security.hpp"
#include "domain/order_changes.hpp"
#include "storage_contract/places_fixture.hpp"

namespace boxoffice {

class OrdersFixture : public PlacesContract {
 protected:
  TicketType add_type(const Event& e, std::string name, Minor price,
                      std::optional<std::int64_t> quota = std::nullopt) {
    TicketType t;
    t.id = security::new_id("tt");
    t.event_id = e.id;
    t.name = std::move(name);
    t.price = price;
    t.quota = quota;
    t.fees = {{"Service", FeeKind::fixed, 150}};
    t.levels = {{{"a"}, {"B"}, price + 1000}};  // row B of section a costs more
    t.created_at = at("2026-03-01T09:30:00Z");
    storage_->insert_ticket_type(t);
    return t;
  }

  // An active hold, placed in storage.
  Hold hold(Storage& storage, const Event& e, const std::string& account,
            std::vector<HoldItem> items) {
    auto h = make_hold(e, account, std::move(items));
    auto placed = storage.insert_hold(h, kNoLimit);
    EXPECT_TRUE(placed) << placed.error().message;
    return h;
  }
  Hold hold(const Event& e, const std::string& account, std::vector<HoldItem> items) {
    return hold(*storage_, e, account, std::move(items));
  }

  // An order for every place of `h` with ticket type `type`, as the application would make it.
  static Order make_order(const Hold& h, const TicketType& type, std::string key = "") {
    std::vector<OrderLine> lines;
    std::set<std::string> named;
    for (const auto& item : h.items) {
      auto place = item.seat_id.empty() ? item.section : item.seat_id;
      if (named.insert(place).second) lines.push_back({place, type.id, ""});
    }
    auto tickets = price_tickets(h, lines, {type});
    EXPECT_TRUE(tickets) << tickets.error().message;
    Order o;
    o.id = security::new_id("ord");
    o.event_id = h.event_id;
    o.account_id = h.account_id;
    o.hold_id = h.id;
    o.currency = "EUR";
    o.buyer_name = "Ada Buyer";
    o.buyer_email = "ada@example.com";
    o.payment_reference = "pay_" + o.id;
    o.idempotency_key = key.empty() ? security::new_id("key") : std::move(key);
    o.created_at = at("2026-03-05T10:04:00Z");
    if (tickets) o.tickets = std::move(tickets.value());
    for (auto& t : o.tickets) {
      t.id = security::new_id("tkt");
      t.code = "code-" + t.id;
    }
    o.total = order_total(o.tickets);
    return o;
  }

  static void expect_same(const Order& a, const Order& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.event_id, b.event_id);
    EXPECT_EQ(a.account_id, b.account_id);
    EXPECT_EQ(a.hold_id, b.hold_id);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.currency, b.currency);
    EXPECT_EQ(a.total, b.total);
    EXPECT_EQ(a.buyer_name, b.buyer_name);
    EXPECT_EQ(a.buyer_email, b.buyer_email);
    EXPECT_EQ(a.payment_reference, b.payment_reference);
    EXPECT_EQ(a.idempotency_key, b.idempotency_key);
    EXPECT_EQ(a.created_at, b.created_at);
    ASSERT_EQ(a.tickets.size(), b.tickets.size());
    for (std::size_t i = 0; i < a.tickets.size(); ++i) {
      EXPECT_EQ(a.tickets[i].id, b.tickets[i].id) << i;
      EXPECT_EQ(a.tickets[i].section, b.tickets[i].section) << i;
      EXPECT_EQ(a.tickets[i].seat_id, b.tickets[i].seat_id) << i;
      EXPECT_EQ(a.tickets[i].ticket_type_id, b.tickets[i].ticket_type_id) << i;
      EXPECT_EQ(a.tickets[i].price, b.tickets[i].price) << i;
      EXPECT_EQ(a.tickets[i].fees, b.tickets[i].fees) << i;
      EXPECT_EQ(a.tickets[i].code, b.tickets[i].code) << i;
    }
  }

  static void expect_hold_expired(const Result<Order>& r) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_EQ(r.error().code, "hold_expired");
  }

  // The refund the application would record for `ids` of `o` (all valid ones when empty).
  static RefundRecord refund_of(const Order& o, const std::vector<std::string>& ids,
                                std::string key = "", TimePoint now = {}) {
    auto decided = decide_refund(o, ids);
    EXPECT_TRUE(decided) << decided.error().message;
    RefundRecord r;
    r.id = key.empty() ? refund_key(o.id, decided.value().ticket_ids) : std::move(key);
    r.event_id = o.event_id;
    r.order_id = o.id;
    r.ticket_ids = decided.value().ticket_ids;
    r.amount = decided.value().amount;
    r.currency = o.currency;
    r.method = "test_card";
    r.reference = "re_" + r.id;
    r.created_at = now;
    return r;
  }
};

}  // namespace boxoffice
