// The storage contract for the outbox and webhooks: the same cases on every backend. Deliveries
// are claimed for a lease (nobody else gets them meanwhile, everybody may after it), finished by
// the claim that tried them only, and nodes claiming at once over connections of their own never
// get the same delivery.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "app/security.hpp"
#include "storage_contract/places_fixture.hpp"

namespace boxoffice {
namespace {

using std::chrono::seconds;

const TimePoint kNow = at("2026-03-05T10:05:00Z");
constexpr seconds kLease{60};

class OutboxContract : public PlacesContract {
 protected:
  Webhook add_webhook(std::vector<std::string> events, const std::string& owner,
                      TimePoint created = kNow) {
    Webhook w{security::new_id("whk"),
              "http://127.0.0.1:9/" + security::new_id("h"),
              "whsec_" + security::new_id("s"),
              std::move(events),
              owner,
              created};
    storage_->insert_webhook(w);
    return w;
  }
  static OutboxMessage event_message(const std::string& type) {
    OutboxMessage m;
    m.id = security::new_id("msg");
    m.kind = OutboxMessage::Kind::event;
    m.type = type;
    m.body = R"({"id":")" + m.id + R"(","note":"quotes \" and\nlines"})";
    m.created_at = kNow;
    return m;
  }
  static OutboxMessage mail(const std::string& to) {
    return email_message("order.confirmation", to, "Your tickets", "Line 1\nLine \"2\"\n", kNow);
  }
  std::vector<OutboxDelivery> claim(TimePoint now, std::size_t max = 100, bool emails = true,
                                    bool webhooks = true) {
    return storage_->claim_outbox(now, kLease, max, emails, webhooks);
  }
};

TEST_F(OutboxContract, AnEMailHasOneDeliveryAndAnEventOnePerWebhookAskingForIt) {
  const auto paid = add_webhook({"order.paid"}, buyer_);
  const auto both = add_webhook({"event.cancelled", "order.paid"}, other_);
  add_webhook({"event.cancelled"}, buyer_);
  const auto m = mail("ada@example.com");
  const auto e = event_message("order.paid");
  storage_->enqueue_outbox({m, e, event_message("order.refunded")});

  auto got = claim(kNow);
  ASSERT_EQ(got.size(), 3u);
  std::set<std::string> webhooks;
  for (const auto& d : got) {
    EXPECT_EQ(d.attempts, 1);
    if (!d.webhook) {
      EXPECT_EQ(d.message.id, m.id);
      EXPECT_EQ(d.message.kind, OutboxMessage::Kind::email);
      EXPECT_EQ(d.message.type, "order.confirmation");
      EXPECT_EQ(d.message.to, "ada@example.com");
      EXPECT_EQ(d.message.subject, "Your tickets");
      EXPECT_EQ(d.message.body, m.body);
      EXPECT_EQ(d.message.created_at, kNow);
      continue;
    }
    webhooks.insert(d.webhook->id);
    EXPECT_EQ(d.message.id, e.id);
    EXPECT_EQ(d.message.kind, OutboxMessage::Kind::event);
    EXPECT_EQ(d.message.body, e.body) << "stored exactly as it will be sent";
    if (d.webhook->id == both.id) {
      EXPECT_EQ(d.webhook->url, both.url);
      EXPECT_EQ(d.webhook->secret, both.secret);
      EXPECT_EQ(d.webhook->events, (std::vector<std::string>{"event.cancelled", "order.paid"}));
    }
  }
  EXPECT_EQ(webhooks, (std::set<std::string>{paid.id, both.id}));
}

TEST_F(OutboxContract, AClaimIsALeaseAndOnlyItsOwnTryFinishesIt) {
  storage_->enqueue_outbox({mail("a@example.com"), mail("b@example.com"), mail("c@example.com")});
  EXPECT_EQ(claim(kNow - seconds(1)).size(), 0u) << "not due before they were made";
  auto first = claim(kNow, 2);
  ASSERT_EQ(first.size(), 2u);
  auto second = claim(kNow, 2);
  ASSERT_EQ(second.size(), 1u) << "claimed ones are not claimed again during their lease";
  EXPECT_EQ(claim(kNow + kLease - seconds(1)).size(), 0u);
  EXPECT_EQ(storage_->outbox_counts().waiting, 3);

  // The first claimer's node died: after the lease, another takes them, a second attempt.
  auto retaken = claim(kNow + kLease, 10);
  ASSERT_EQ(retaken.size(), 3u);
  for (const auto& d : retaken) EXPECT_EQ(d.attempts, 2);
  // The old claim's word comes too late and is ignored; the new one's counts.
  storage_->finish_outbox(first[0].id, 1, OutboxOutcome::delivered, kNow, "");
  EXPECT_EQ(claim(kNow + 3 * kLease).size(), 3u);
  const TimePoint later = kNow + 3 * kLease;
  for (const auto& d : claim(later + kLease, 10)) {
    ASSERT_EQ(d.attempts, 4);
    if (d.message.to == "a@example.com")
      storage_->finish_outbox(d.id, d.attempts, OutboxOutcome::delivered, later, "");
    else if (d.message.to == "b@example.com")
      storage_->finish_outbox(d.id, d.attempts, OutboxOutcome::retry, later + kLease + seconds(30),
                              "try later");
    else
      storage_->finish_outbox(d.id, d.attempts, OutboxOutcome::abandoned, later, "gave up");
  }
  EXPECT_EQ(storage_->outbox_counts().waiting, 1);
  EXPECT_EQ(storage_->outbox_counts().abandoned, 1);
  EXPECT_EQ(claim(later + kLease + seconds(29)).size(), 0u) << "due when the retry said";
  auto again = claim(later + kLease + seconds(30));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].message.to, "b@example.com");
  storage_->finish_outbox(again[0].id, again[0].attempts, OutboxOutcome::delivered, later, "");
  EXPECT_EQ(claim(later + std::chrono::hours(100)).size(), 0u) << "delivered and abandoned stay";
}

TEST_F(OutboxContract, ANodeClaimsOnlyWhatItCanDeliver) {
  add_webhook({"order.paid"}, buyer_);
  storage_->enqueue_outbox({mail("a@example.com"), event_message("order.paid")});
  auto hooks = claim(kNow, 10, false, true);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_TRUE(hooks[0].webhook);
  auto mails = claim(kNow, 10, true, false);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_FALSE(mails[0].webhook);
  EXPECT_EQ(claim(kNow, 10, false, false).size(), 0u);
}

TEST_F(OutboxContract, NodesClaimingAtOnceNeverGetTheSameDelivery) {
  std::vector<OutboxMessage> many;
  for (int i = 0; i < 60; ++i) many.push_back(mail(std::to_string(i) + "@example.com"));
  storage_->enqueue_outbox(many);
  std::mutex mutex;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> nodes;
  for (int n = 0; n < 4; ++n) {
    nodes.emplace_back([&] {
      auto own = backend_->connect();
      for (;;) {
        auto got = own->claim_outbox(kNow, kLease, 3, true, true);
        if (got.empty()) return;
        std::lock_guard lock(mutex);
        for (const auto& d : got) claimed.insert(d.id);
      }
    });
  }
  for (auto& t : nodes) t.join();
  EXPECT_EQ(claimed.size(), 60u);
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), 60u);
}

TEST_F(OutboxContract, WebhooksAreListedByOwnerAndDeletedWithTheirDeliveries) {
  const auto a = add_webhook({"order.paid"}, buyer_, kNow);
  const auto b = add_webhook({"order.paid", "order.refunded"}, other_, kNow + seconds(1));
  const auto c = add_webhook({"event.cancelled"}, buyer_, kNow + seconds(2));
  auto mine = storage_->list_webhooks(buyer_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, a.id);
  EXPECT_EQ(mine[1].id, c.id);
  EXPECT_EQ(storage_->list_webhooks("").size(), 3u);
  auto loaded = storage_->webhook(b.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->url, b.url);
  EXPECT_EQ(loaded->secret, b.secret);
  EXPECT_EQ(loaded->owner, other_);
  EXPECT_EQ(loaded->events, b.events);
  EXPECT_EQ(loaded->created_at, b.created_at);
  EXPECT_FALSE(storage_->webhook("whk_missing"));

  storage_->enqueue_outbox({event_message("order.paid")});
  EXPECT_EQ(storage_->outbox_counts().waiting, 2);
  EXPECT_TRUE(storage_->delete_webhook(a.id));
  EXPECT_FALSE(storage_->delete_webhook(a.id));
  EXPECT_FALSE(storage_->webhook(a.id));
  EXPECT_EQ(storage_->outbox_counts().waiting, 1) << "its deliveries went with it";
  auto left = claim(kNow);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].webhook->id, b.id);
}

TEST_F(OutboxContract, AWebhooksDeliveriesAreShownAndAnAbandonedOneTriedAgain) {
  const auto hook = add_webhook({"order.paid"}, buyer_);
  const auto other = add_webhook({"order.paid"}, other_);
  const auto first = event_message("order.paid");
  storage_->enqueue_outbox({first, event_message("order.paid")});
  for (const auto& d : claim(kNow)) {
    if (d.webhook->id != hook.id) continue;
    if (d.message.id == first.id)
      storage_->finish_outbox(d.id, d.attempts, OutboxOutcome::abandoned, kNow + seconds(5),
                              "HTTP 500");
    else
      storage_->finish_outbox(d.id, d.attempts, OutboxOutcome::delivered, kNow + seconds(1), "");
  }
  auto shown = storage_->webhook_deliveries(hook.id, 10);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_GT(shown[0].id, shown[1].id) << "newest first";
  const auto& abandoned = shown[1];
  EXPECT_EQ(abandoned.message_id, first.id);
  EXPECT_EQ(abandoned.type, "order.paid");
  EXPECT_EQ(abandoned.attempts, 1);
  EXPECT_EQ(abandoned.created_at, kNow);
  EXPECT_EQ(abandoned.abandoned_at, kNow + seconds(5));
  EXPECT_FALSE(abandoned.delivered_at);
  EXPECT_EQ(abandoned.last_error, "HTTP 500");
  EXPECT_EQ(shown[0].delivered_at, kNow + seconds(1));
  EXPECT_EQ(storage_->webhook_deliveries(hook.id, 1).size(), 1u);

  EXPECT_FALSE(storage_->retry_delivery(other.id, abandoned.id, kNow)) << "another webhook's";
  EXPECT_FALSE(storage_->retry_delivery(hook.id, shown[0].id, kNow)) << "not abandoned";
  EXPECT_TRUE(storage_->retry_delivery(hook.id, abandoned.id, kNow + seconds(60)));
  EXPECT_FALSE(storage_->retry_delivery(hook.id, abandoned.id, kNow + seconds(60)));
  auto again = claim(kNow + seconds(60));
  ASSERT_EQ(again.size(), 3u) << "the retried one, and the other webhook's two (leases over)";
  for (const auto& d : again) {
    if (d.webhook->id != hook.id) continue;
    EXPECT_EQ(d.message.id, first.id);
    EXPECT_EQ(d.attempts, 1) << "a fresh count of tries";
  }
}

TEST_F(OutboxContract, PruningForgetsOnlyWhatWasDeliveredBeforeItsTime) {
  const auto hook = add_webhook({"order.paid"}, buyer_);
  const auto delivered = mail("done@example.com");
  const auto unheard = event_message("event.cancelled");  // no webhook asked for it
  storage_->enqueue_outbox({delivered, unheard, mail("waiting@example.com"),
                            mail("abandoned@example.com"), event_message("order.paid")});
  for (const auto& d : claim(kNow)) {
    const auto outcome = d.message.to == "waiting@example.com"     ? OutboxOutcome::retry
                         : d.message.to == "abandoned@example.com" ? OutboxOutcome::abandoned
                                                                   : OutboxOutcome::delivered;
    storage_->finish_outbox(d.id, d.attempts, outcome, kNow + seconds(10), "");
  }
  // The unheard event has nothing to deliver: it goes once made before the time.
  EXPECT_EQ(storage_->prune_outbox(kNow + seconds(10)), 1) << "delivered at, not before";
  // Two deliveries (the e-mail and the webhook's) and their two messages.
  EXPECT_EQ(storage_->prune_outbox(kNow + seconds(11)), 4);
  EXPECT_EQ(storage_->prune_outbox(kNow + seconds(11)), 0);
  EXPECT_EQ(storage_->webhook_deliveries(hook.id, 10).size(), 0u);
  EXPECT_EQ(storage_->outbox_counts().waiting, 1);
  EXPECT_EQ(storage_->outbox_counts().abandoned, 1);
  auto left = claim(kNow + seconds(10));
  ASSERT_EQ(left.size(), 1u) << "the waiting one, with its message";
  EXPECT_EQ(left[0].message.to, "waiting@example.com");
}

}  // namespace
}  // namespace boxoffice
