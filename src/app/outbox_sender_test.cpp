// The outbox's sender driven by a ManualClock against a real SQLite database: a failed try waits
// its backoff and is made again with the same body, the last failed try abandons the delivery,
// and a node that dies mid-try leaves the delivery to another once its lease is over.
#include "app/outbox_sender.hpp"

#include <gtest/gtest.h>

#include "app/security.hpp"
#include "storage/open_backend.hpp"
#include "storage_contract/contract.hpp"
#include "support/scratch_database.hpp"

namespace boxoffice {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const TimePoint kStart = at("2026-03-05T10:00:00Z");

struct Post {
  std::string url, body, signature;
};

class FakePoster final : public WebhookPoster {
 public:
  void post(const std::string& url, const std::string& body,
            const std::string& signature) override {
    posts.push_back({url, body, signature});
    if (failures > 0) {
      --failures;
      throw DeliveryError("webhook " + url + ": the server answered HTTP 500");
    }
  }
  std::vector<Post> posts;
  int failures = 0;
};

class FakeNotifier final : public Notifier {
 public:
  void deliver(const Notification& n) override {
    sent.push_back(n);
    if (failures > 0) {
      --failures;
      throw DeliveryError("mail server down");
    }
  }
  std::vector<Notification> sent;
  int failures = 0;
};

class OutboxSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    security::initialize();
    backend_ = open_backend(scratch_.url());
    backend_->migrate();
    storage_ = backend_->connect();
    const auto owner = test_account("manager");
    ASSERT_TRUE(storage_->insert_account(owner));
    webhook_ = {"whk_1",        "http://127.0.0.1:9/hook", "whsec_test",
                {"order.paid"}, owner.account.id,          kStart};
    storage_->insert_webhook(webhook_);
  }

  OutboxSender sender(OutboxPolicy policy) {
    return OutboxSender(clock_, {milliseconds(250), policy, 20, &notifier_, &poster_},
                        [this](OutboxSender::Level level, const std::string& what) {
                          if (level == OutboxSender::Level::abandoned) abandoned_.push_back(what);
                        });
  }

  OutboxMessage event(const std::string& type) {
    OutboxMessage m;
    m.id = security::new_id("msg");
    m.kind = OutboxMessage::Kind::event;
    m.type = type;
    m.body = R"({"id":")" + m.id + R"(","type":")" + type + R"("})";
    m.created_at = clock_.now();
    return m;
  }

  ScratchDatabase scratch_{"sqlite"};
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Storage> storage_;
  ManualClock clock_{kStart};
  FakePoster poster_;
  FakeNotifier notifier_;
  Webhook webhook_;
  std::vector<std::string> abandoned_;
};

TEST_F(OutboxSenderTest, AFailedTryIsMadeAgainAfterItsBackoffWithTheSameBody) {
  OutboxPolicy policy;
  policy.retry_base = seconds(10);
  auto s = sender(policy);
  const auto m = event("order.paid");
  storage_->enqueue_outbox({m, event("event.cancelled")});  // nobody asked for the second
  poster_.failures = 2;

  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 1u);
  ASSERT_EQ(poster_.posts.size(), 1u);
  EXPECT_EQ(poster_.posts[0].url, webhook_.url);
  EXPECT_EQ(poster_.posts[0].body, m.body);
  EXPECT_EQ(poster_.posts[0].signature, webhook_signature("whsec_test", to_unix(kStart), m.body));

  clock_.advance(seconds(9));
  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 0u) << "10 s after the first try";
  clock_.advance(seconds(1));
  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 1u);
  clock_.advance(seconds(19));
  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 0u) << "then 20 s";
  clock_.advance(seconds(1));
  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 1u);
  ASSERT_EQ(poster_.posts.size(), 3u);
  EXPECT_EQ(poster_.posts[2].body, m.body) << "the same id and body on every try";
  EXPECT_EQ(poster_.posts[2].signature,
            webhook_signature("whsec_test", to_unix(clock_.now()), m.body));
  clock_.advance(std::chrono::hours(2));
  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 0u) << "delivered: never again";
  EXPECT_EQ(s.delivered(), 1u);
  EXPECT_EQ(s.failed_tries(), 2u);
  EXPECT_EQ(storage_->outbox_counts().waiting, 0);
}

TEST_F(OutboxSenderTest, TheLastFailedTryAbandonsTheDeliveryButKeepsIt) {
  OutboxPolicy policy;
  policy.retry_base = seconds(1);
  policy.max_attempts = 3;
  auto s = sender(policy);
  storage_->enqueue_outbox(
      {email_message("order.confirmation", "ada@example.com", "Hi", "Body", clock_.now())});
  notifier_.failures = 100;
  for (int i = 0; i < 20; ++i) {
    s.deliver_due(*storage_, clock_.now());
    clock_.advance(seconds(1));
  }
  EXPECT_EQ(notifier_.sent.size(), 3u);
  EXPECT_EQ(notifier_.sent[0].to, "ada@example.com");
  EXPECT_EQ(s.abandoned(), 1u);
  ASSERT_EQ(abandoned_.size(), 1u);
  EXPECT_NE(abandoned_[0].find("mail server down"), std::string::npos) << abandoned_[0];
  EXPECT_EQ(storage_->outbox_counts().abandoned, 1);
  EXPECT_EQ(storage_->outbox_counts().waiting, 0);
  EXPECT_EQ(s.abandoned_in_database(), 1u) << "counted again 15 s after the first count";
  EXPECT_EQ(s.waiting_in_database(), 0u);
}

TEST_F(OutboxSenderTest, ANodeThatDiesMidTryLeavesTheDeliveryToAnotherAfterTheLease) {
  OutboxPolicy policy;
  policy.lease = seconds(60);
  storage_->enqueue_outbox({event("order.paid")});
  // The first node claims it and dies before it can say how the try went.
  ASSERT_EQ(storage_->claim_outbox(clock_.now(), policy.lease, 10, true, true).size(), 1u);
  auto other = backend_->connect();
  auto s = sender(policy);
  clock_.advance(seconds(59));
  EXPECT_EQ(s.deliver_due(*other, clock_.now()), 0u) << "still the first node's";
  clock_.advance(seconds(1));
  EXPECT_EQ(s.deliver_due(*other, clock_.now()), 1u);
  EXPECT_EQ(poster_.posts.size(), 1u);
  // The first node's late word changes nothing: the delivery was claimed again since.
  storage_->finish_outbox(1, 1, OutboxOutcome::retry, clock_.now(), "late");
  EXPECT_EQ(storage_->outbox_counts().waiting, 0);
}

TEST_F(OutboxSenderTest, EMailsWaitForANodeWithAMailServer) {
  storage_->enqueue_outbox(
      {email_message("order.confirmation", "ada@example.com", "Hi", "Body", clock_.now())});
  OutboxSender no_mail(clock_, {milliseconds(250), {}, 20, nullptr, &poster_},
                       [](OutboxSender::Level, const std::string&) {});
  EXPECT_EQ(no_mail.deliver_due(*storage_, clock_.now()), 0u);
  EXPECT_EQ(storage_->outbox_counts().waiting, 1);
  auto s = sender({});
  EXPECT_EQ(s.deliver_due(*storage_, clock_.now()), 1u);
  ASSERT_EQ(notifier_.sent.size(), 1u);
  EXPECT_EQ(notifier_.sent[0].subject, "Hi");
}

}  // namespace
}  // namespace boxoffice
