// The outbox's rules: how long a failed delivery waits, the webhook signature, what an order's
// confirmation says.
#include "app/outbox.hpp"

#include <gtest/gtest.h>

#include "app/security.hpp"

namespace boxoffice {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(OutboxRetry, DoublesFromTheBaseUpToTheCap) {
  OutboxPolicy p;  // 30 s, capped at an hour
  EXPECT_EQ(retry_delay(p, 1), seconds(30));
  EXPECT_EQ(retry_delay(p, 2), seconds(60));
  EXPECT_EQ(retry_delay(p, 3), seconds(120));
  EXPECT_EQ(retry_delay(p, 7), seconds(1920));
  EXPECT_EQ(retry_delay(p, 8), seconds(3600));
  EXPECT_EQ(retry_delay(p, 1000), seconds(3600)) << "no overflow however many tries failed";
}

TEST(OutboxRetry, DefaultsTryForAboutADay) {
  const OutboxPolicy p;
  seconds total{0};
  for (int n = 1; n < p.max_attempts; ++n) total += retry_delay(p, n);
  EXPECT_GT(total, std::chrono::hours(20));
  EXPECT_LT(total, std::chrono::hours(30));
}

TEST(OutboxRetry, ShortDelaysRoundUpToWholeSeconds) {
  OutboxPolicy p;
  p.retry_base = milliseconds(200);
  p.retry_cap = milliseconds(1500);
  EXPECT_EQ(retry_delay(p, 1), seconds(1)) << "never less than a second: due times are seconds";
  EXPECT_EQ(retry_delay(p, 3), seconds(1));  // 800 ms
  EXPECT_EQ(retry_delay(p, 4), seconds(2));  // 1500 ms, the cap, rounded up
  EXPECT_EQ(retry_delay(p, 40), seconds(2));
}

TEST(WebhookSignature, IsHmacSha256OfTimeDotBody) {
  security::initialize();
  // Computed apart: python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test",
  //   b"1700000000.{\"id\":\"msg_1\"}", hashlib.sha256).hexdigest())'
  EXPECT_EQ(webhook_signature("whsec_test", 1700000000, R"({"id":"msg_1"})"),
            "t=1700000000,v1=ee1e8687ebcb2b27eeddb50440605e5850aa229157632e6f265402d7dc5ae61f");
  EXPECT_NE(webhook_signature("whsec_other", 1700000000, R"({"id":"msg_1"})"),
            webhook_signature("whsec_test", 1700000000, R"({"id":"msg_1"})"));
  EXPECT_NE(webhook_signature("whsec_test", 1700000001, R"({"id":"msg_1"})"),
            webhook_signature("whsec_test", 1700000000, R"({"id":"msg_1"})"));
}

TEST(WebhookSecret, IsNewEachTime) {
  security::initialize();
  const auto a = new_webhook_secret();
  EXPECT_EQ(a.size(), 6u + 64u);
  EXPECT_EQ(a.substr(0, 6), "whsec_");
  EXPECT_NE(a, new_webhook_secret());
}

TEST(WebhookEventTypes, AreOneKnownList) {
  EXPECT_TRUE(is_webhook_event_type("order.paid"));
  EXPECT_TRUE(is_webhook_event_type("order.refunded"));
  EXPECT_TRUE(is_webhook_event_type("event.cancelled"));
  EXPECT_FALSE(is_webhook_event_type("order.Paid"));
  EXPECT_FALSE(is_webhook_event_type(""));
}

TEST(OrderConfirmation, NamesEveryTicketWithItsCode) {
  security::initialize();
  Event event;
  event.id = "evt_1";
  event.name = "Night Owls";
  event.starts_at = from_unix(1'800'000'000);
  Order order;
  order.id = "ord_1";
  order.currency = "EUR";
  order.total = 9900 + 450;
  order.buyer_name = "Ada";
  order.buyer_email = "ada@example.com";
  order.tickets = {
      {"tkt_1", "stalls", "stalls/A/1", "typ_std", 4500, 450, "tkt_1.sig1", {}, 0, {}, {}},
      {"tkt_2", "floor", "", "typ_free", 5400, 0, "tkt_2.sig2", {}, 0, {}, {}}};
  TicketType standard;
  standard.id = "typ_std";
  standard.name = "Standard";
  const auto m = order_confirmation_email(order, event, {standard}, from_unix(1'700'000'000));
  EXPECT_EQ(m.kind, OutboxMessage::Kind::email);
  EXPECT_EQ(m.type, "order.confirmation");
  EXPECT_EQ(m.to, "ada@example.com");
  EXPECT_EQ(m.subject, "Your tickets for Night Owls");
  EXPECT_EQ(m.id.substr(0, 4), "msg_");
  for (const char* part :
       {"ord_1", "Section stalls, seat stalls/A/1, Standard, EUR 49.50", "(fees EUR 4.50 included)",
        "Code: tkt_1.sig1", "Section floor, standing, typ_free, EUR 54.00", "Code: tkt_2.sig2",
        "Total paid: EUR 103.50"})
    EXPECT_NE(m.body.find(part), std::string::npos) << part << " in\n" << m.body;
}

TEST(FormatMoney, ShowsTwoDecimals) {
  EXPECT_EQ(format_money(4500, "EUR"), "EUR 45.00");
  EXPECT_EQ(format_money(5, "GBP"), "GBP 0.05");
  EXPECT_EQ(format_money(-150, "USD"), "USD -1.50");
}

}  // namespace
}  // namespace boxoffice
