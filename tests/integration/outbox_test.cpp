// The outbox through the real server: a paid order's confirmation e-mail reaches a real local SMTP
// server and its "order.paid" event a local webhook receiver, signed; a receiver that fails first
// gets the same event again; a server killed between two tries leaves the delivery to the next
// one on the same database. Managers register, list and delete webhooks.
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <set>
#include <thread>

#include "integration/sale_fixture.hpp"
#include "support/mail_sink.hpp"

namespace boxoffice::testing {
namespace {

using std::chrono::milliseconds;

// Short waits between tries, so that a retry comes within a second or two.
std::vector<std::string> outbox_args(const std::string& smtp_url) {
  return {"--smtp-url",     smtp_url, "--outbox-retry-base-ms", "1000",
          "--outbox-lease", "1",      "--webhook-timeout",      "2"};
}

// One try as the receiver saw it: its answer, its signature header and its body.
struct Try {
  int status = 0;
  std::string signature;
  std::string body;
};

std::vector<Try> tries(const WebhookSink& sink, std::size_t count) {
  std::vector<Try> out;
  for (const auto& file : sink.wait_for(count, milliseconds(20000))) {
    const auto v = json::parse(file);
    out.push_back(
        {static_cast<int>(v.at("status").as_int64()), str(v, "signature"), str(v, "body")});
  }
  return out;
}

// Checks "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">" as a receiver would, with
// libsodium directly.
void expect_signed(const Try& t, const std::string& secret) {
  const auto comma = t.signature.find(",v1=");
  ASSERT_TRUE(t.signature.starts_with("t=") && comma != std::string::npos) << t.signature;
  const std::string stamp = t.signature.substr(2, comma - 2);
  const std::string signed_text = stamp + "." + t.body;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                signed_text.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  EXPECT_EQ(t.signature.substr(comma + 4), hex.data()) << "signed with the webhook's secret";
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_LE(std::llabs(now - std::stoll(stamp)), 60) << "signed when sent";
}

class OutboxTest : public SaleFixture {
 protected:
  static void SetUpTestSuite() { start({}); }
  static void start(const std::vector<std::string>& more_args) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium did not initialise");
    mail_ = std::make_unique<SmtpSink>();
    auto args = outbox_args(mail_->url());
    args.insert(args.end(), more_args.begin(), more_args.end());
    shared_ = std::make_unique<OwnServer>(args);
  }
  static void TearDownTestSuite() {
    SaleFixture::TearDownTestSuite();
    mail_.reset();
  }

  struct Registered {
    std::string id, secret;
  };
  static Registered register_webhook(const std::string& url, json::array events = {"order.paid"}) {
    auto r = client().post("/api/v1/webhooks", {{"url", url}, {"events", std::move(events)}},
                           manager_token());
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return {str(r.json(), "id"), str(r.json(), "secret")};
  }

  // A paid order of two seats of a new event; returns the order as the API answered it.
  static json::value buy(const std::string& name) {
    const Sale sale = on_sale(name);
    const std::string hold = hold_seats(sale.event, {"stalls/A/1", "stalls/A/2"}, buyer_token());
    auto r = order(order_body(hold, seat_items({"stalls/A/1", "stalls/A/2"}, sale.type)),
                   buyer_token(), "key-" + name);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  static inline std::unique_ptr<SmtpSink> mail_;
};

TEST_F(OutboxTest, APaidOrderSendsItsTicketsByEMailAndASignedEvent) {
  WebhookSink receiver(204, 0, true);
  const auto hook = register_webhook(receiver.url());
  ASSERT_TRUE(hook.secret.starts_with("whsec_")) << hook.secret;
  const auto paid = buy("Mailed Tickets");
  const std::string order_id = str(paid, "id");

  const auto mails = mail_->wait_for(1, milliseconds(20000));
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].envelope_to, std::vector<std::string>{"ada@example.com"});
  EXPECT_EQ(mails[0].subject, "Your tickets for Mailed Tickets");
  EXPECT_NE(mails[0].body.find(order_id), std::string::npos) << mails[0].body;
  for (const auto& t : paid.at("tickets").as_array()) {
    EXPECT_NE(mails[0].body.find("seat " + str(t, "seat") + ", Standard, EUR 49.50"),
              std::string::npos)
        << mails[0].body;
    EXPECT_NE(mails[0].body.find("Code: " + str(t, "code")), std::string::npos) << mails[0].body;
  }

  const auto got = tries(receiver, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 204);
  expect_signed(got[0], hook.secret);
  const auto body = json::parse(got[0].body);
  EXPECT_TRUE(str(body, "id").starts_with("msg_")) << got[0].body;
  EXPECT_EQ(str(body, "type"), "order.paid");
  EXPECT_GT(epoch_seconds(body, "created_at"), 0);
  EXPECT_EQ(str(body.at("data").at("order"), "id"), order_id);
  EXPECT_EQ(body.at("data").at("order").at("tickets"), paid.at("tickets"));
  EXPECT_EQ(str(body.at("data").at("event"), "name"), "Mailed Tickets");

  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(mail_->wait_for(2, milliseconds(0)).size(), 1u) << "once, not once per tick";
  EXPECT_EQ(receiver.wait_for(2, milliseconds(0)).size(), 1u);
  const std::string metrics = client().get("/metrics").body;
  EXPECT_NE(metrics.find("\nboxoffice_outbox_delivered_total 2\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\nboxoffice_outbox_abandoned 0\n"), std::string::npos) << metrics;
  EXPECT_EQ(client().del("/api/v1/webhooks/" + hook.id, manager_token()).status, 204);
}

TEST_F(OutboxTest, AReceiverThatFailsFirstGetsTheSameEventAgain) {
  WebhookSink receiver(200, 1, true);
  const auto hook = register_webhook(receiver.url());
  buy("Retried Event");
  const auto got = tries(receiver, 2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].status, 500);
  EXPECT_EQ(got[1].status, 200);
  EXPECT_EQ(got[1].body, got[0].body) << "the same id and body on the retry";
  expect_signed(got[0], hook.secret);
  expect_signed(got[1], hook.secret);
  std::this_thread::sleep_for(milliseconds(2500));
  EXPECT_EQ(receiver.wait_for(3, milliseconds(0)).size(), 2u) << "delivered: no more tries";
  auto shown = client().get("/api/v1/webhooks/" + hook.id + "/deliveries", manager_token());
  ASSERT_EQ(shown.status, 200) << shown.body;
  const auto& list = shown.json().at("deliveries").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(str(list[0], "state"), "delivered");
  EXPECT_EQ(list[0].at("attempts").as_int64(), 2);
  EXPECT_EQ(str(list[0], "event_id"), str(json::parse(got[0].body), "id"));
  EXPECT_EQ(client().del("/api/v1/webhooks/" + hook.id, manager_token()).status, 204);
}

TEST_F(OutboxTest, WebhooksAreRegisteredListedAndDeletedByTheirManagers) {
  auto bad = client().post("/api/v1/webhooks",
                           {{"url", "ftp://127.0.0.1/x"}, {"events", {"order.paid", "order.lost"}}},
                           manager_token());
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(names_field(bad, "url"));
  EXPECT_TRUE(names_field(bad, "events[1]"));
  for (const char* url : {"not a url", "http://", "https:///path", "javascript:alert(1)"}) {
    auto r = client().post("/api/v1/webhooks", {{"url", url}, {"events", {"order.paid"}}},
                           manager_token());
    EXPECT_EQ(r.status, 422) << url << ": " << r.body;
    EXPECT_TRUE(names_field(r, "url")) << url;
  }
  auto no_events =
      client().post("/api/v1/webhooks",
                    {{"url", "http://127.0.0.1:1/x"}, {"events", json::array{}}}, manager_token());
  EXPECT_EQ(no_events.status, 422);
  EXPECT_TRUE(names_field(no_events, "events"));
  EXPECT_EQ(client()
                .post("/api/v1/webhooks",
                      {{"url", "http://127.0.0.1:1/x"}, {"events", {"order.paid"}}}, buyer_token())
                .status,
            403);
  EXPECT_EQ(client().post("/api/v1/webhooks", {{"url", "http://127.0.0.1:1/x"}}).status, 401);

  const auto hook = register_webhook("https://hooks.example.com/boxoffice?k=1",
                                     {"order.refunded", "order.paid", "order.paid"});
  auto list = client().get("/api/v1/webhooks", manager_token());
  ASSERT_EQ(list.status, 200) << list.body;
  bool found = false;
  for (const auto& w : list.json().at("webhooks").as_array()) {
    EXPECT_FALSE(w.as_object().contains("secret")) << "shown once, when made";
    if (str(w, "id") != hook.id) continue;
    found = true;
    EXPECT_EQ(str(w, "url"), "https://hooks.example.com/boxoffice?k=1");
    EXPECT_EQ(w.at("events"), json::parse(R"(["order.paid","order.refunded"])"));
  }
  EXPECT_TRUE(found);
  const std::string other_manager = new_account("manager");
  EXPECT_EQ(client().get("/api/v1/webhooks/" + hook.id, other_manager).status, 404);
  EXPECT_EQ(client().del("/api/v1/webhooks/" + hook.id, other_manager).status, 404);
  EXPECT_EQ(client().get("/api/v1/webhooks", other_manager).json().at("webhooks").as_array().size(),
            0u);
  EXPECT_EQ(client().get("/api/v1/webhooks/" + hook.id, manager_token()).status, 200);
  EXPECT_EQ(client().del("/api/v1/webhooks/" + hook.id, manager_token()).status, 204);
  EXPECT_EQ(client().del("/api/v1/webhooks/" + hook.id, manager_token()).status, 404);
}

// A server that gives up after one try.
class OutboxAbandonTest : public OutboxTest {
 protected:
  static void SetUpTestSuite() { start({"--outbox-max-attempts", "1"}); }
};

TEST_F(OutboxAbandonTest, AnAbandonedDeliveryIsShownAndTriedAgainOnRequest) {
  WebhookSink receiver(204, 1, true);
  const auto hook = register_webhook(receiver.url());
  buy("Abandoned Event");
  ASSERT_EQ(tries(receiver, 1).size(), 1u);
  const std::string path = "/api/v1/webhooks/" + hook.id + "/deliveries";
  json::value abandoned;
  for (int i = 0; i < 100; ++i) {  // the failure is recorded just after the answer
    abandoned = client().get(path, manager_token()).json().at("deliveries").at(0);
    if (str(abandoned, "state") == "abandoned") break;
    std::this_thread::sleep_for(milliseconds(50));
  }
  ASSERT_EQ(str(abandoned, "state"), "abandoned") << abandoned;
  EXPECT_NE(str(abandoned, "last_error").find("HTTP 500"), std::string::npos) << abandoned;
  const auto metrics = [] { return client().get("/metrics").body; };
  EXPECT_NE(metrics().find("\nboxoffice_outbox_abandoned_total 1\n"), std::string::npos);
  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(receiver.wait_for(2, milliseconds(0)).size(), 1u) << "no more tries by itself";

  const std::string retry = path + "/" + str(abandoned, "id") + "/retry";
  EXPECT_EQ(client().post(retry, json::object{}, new_account("manager")).status, 404);
  ASSERT_EQ(client().post(retry, json::object{}, manager_token()).status, 204);
  const auto got = tries(receiver, 2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].status, 204);
  EXPECT_EQ(got[1].body, got[0].body);
  expect_signed(got[1], hook.secret);
  for (int i = 0; i < 100; ++i) {
    if (str(client().get(path, manager_token()).json().at("deliveries").at(0), "state") ==
        "delivered")
      break;
    std::this_thread::sleep_for(milliseconds(50));
  }
  auto again = client().post(retry, json::object{}, manager_token());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_code(again), "delivery_not_abandoned");
}

// A server of its own, killed with SIGKILL after the receiver refused the first try.
class OutboxRestartTest : public OutboxTest {};

TEST_F(OutboxRestartTest, AnEventOutlivesAServerKilledBetweenTries) {
  WebhookSink receiver(204, 1, true);
  const auto hook = register_webhook(receiver.url());
  buy("Restarted Event");
  const auto first = tries(receiver, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].status, 500);
  // Time for the failed try to be recorded (if not, the next server waits for its lease instead).
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(server().stop(9), 128 + 9);
  ServerProcess second(g_server, shared_->db.url(), outbox_args(mail_->url()));
  const auto got = tries(receiver, 2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].status, 204);
  EXPECT_EQ(got[1].body, got[0].body);
  expect_signed(got[1], hook.secret);
}

// A suite of its own, so that its mail sink holds only its own messages.
class CancellationNoticeTest : public OutboxTest {};

TEST_F(CancellationNoticeTest, ACancellationTellsEachBuyerAndTheWebhooks) {
  WebhookSink receiver(204, 0, true);
  const auto hook =
      register_webhook(receiver.url(), {"event.cancelled", "order.settled", "order.refunded"});
  const auto paid = buy("Called Off");
  ASSERT_EQ(mail_->wait_for(1, milliseconds(20000)).size(), 1u) << "the order's confirmation";
  auto r = act(str(paid, "event_id"), "cancel", {{"resolution", "refund"}});
  ASSERT_EQ(r.status, 200) << r.body;

  const auto mails = mail_->wait_for(2, milliseconds(20000));
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Called Off is cancelled");
  EXPECT_NE(mails[1].body.find("Your money is refunded: EUR 99.00"), std::string::npos)
      << mails[1].body;
  const auto got = tries(receiver, 3);
  ASSERT_EQ(got.size(), 3u);
  std::set<std::string> types;
  for (const auto& t : got) {
    expect_signed(t, hook.secret);
    const auto body = json::parse(t.body);
    types.insert(str(body, "type"));
    if (str(body, "type") != "event.cancelled") {
      EXPECT_EQ(str(body.at("data").at("order"), "status"), "refunded") << t.body;
    }
  }
  EXPECT_EQ(types, (std::set<std::string>{"event.cancelled", "order.refunded", "order.settled"}));
}

// Links in e-mails start with the public URL the server is given.
class ChoiceNoticeTest : public OutboxTest {
 protected:
  static void SetUpTestSuite() { start({"--public-url", "https://tickets.example"}); }
};

TEST_F(ChoiceNoticeTest, ABuyersChoiceIsAskedForWithALinkToTheOrderAndItsDeadline) {
  const auto paid = buy("Your Choice");
  const std::string id = str(paid, "id");
  ASSERT_EQ(mail_->wait_for(1, milliseconds(20000)).size(), 1u) << "the order's confirmation";
  auto r = act(str(paid, "event_id"), "cancel",
               {{"resolution", "buyer_choice"}, {"choice_deadline", "2099-01-31T12:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;

  const auto mails = mail_->wait_for(2, milliseconds(20000));
  ASSERT_EQ(mails.size(), 2u);
  const auto& body = mails[1].body;
  EXPECT_EQ(mails[1].subject, "Your Choice is cancelled");
  EXPECT_NE(body.find("Please choose what you get for them (EUR 99.00): your money back, credit "
                      "for a later purchase."),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("https://tickets.example/order.html?ids=" + id), std::string::npos) << body;
  EXPECT_NE(body.find("before 2099-01-31T12:00:00Z (UTC)"), std::string::npos) << body;

  // The order tells its buyer the same.
  auto order = client().get("/api/v1/orders/" + id, buyer_token());
  ASSERT_EQ(order.status, 200) << order.body;
  const auto& choice = order.json().at("choice");
  EXPECT_EQ(choice.at("options"), (json::array{"refund", "credit"}));
  EXPECT_EQ(str(choice, "deadline"), "2099-01-31T12:00:00Z");
}

}  // namespace
}  // namespace boxoffice::testing
