#pragma once
// Managers' webhooks: where events (app/outbox.hpp) are POSTed, signed with the webhook's secret.
// A manager sees and deletes the webhooks they made; an administrator every one.
#include <optional>
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::webhooks {

inline constexpr std::size_t kMaxPerOwner = 25;

struct WebhookRequest {
  std::optional<std::string> url;
  std::vector<std::string> events;
};

// Checks a webhook's URL: absolute http or https with a host (a loopback one is fine), no spaces
// or control characters, at most 2,000 characters. Empty when fine, else why not.
std::string url_problem(std::string_view url);

// Registers a webhook with a new secret. 422 naming `url` or `events` (or events[i]), together
// with whatever `errors` the request's form already had; 409 "too_many_webhooks" past
// kMaxPerOwner.
Result<Webhook> create(Storage& storage, const AppEnv& env, const std::optional<Account>& account,
                       const WebhookRequest& request, FieldErrors errors);
Result<std::vector<Webhook>> list(Storage& storage, const std::optional<Account>& account);
// 404 for a webhook the account may not see.
Result<Webhook> get(Storage& storage, const std::optional<Account>& account, std::string_view id);
Result<void> remove(Storage& storage, const std::optional<Account>& account, std::string_view id);

inline constexpr std::size_t kDeliveriesShown = 100;
// The webhook's latest deliveries (kDeliveriesShown), newest first: waiting, delivered or
// abandoned, with their tries and last error.
Result<std::vector<DeliveryRecord>> deliveries(Storage& storage, const AppEnv& env,
                                               const std::optional<Account>& account,
                                               std::string_view id);
// Tries an abandoned delivery again (after its receiver was fixed): due at once, with the full
// count of tries. 404 for another webhook's or a missing delivery, 409 "delivery_not_abandoned"
// for one that is not abandoned.
Result<void> retry(Storage& storage, const AppEnv& env, const std::optional<Account>& account,
                   std::string_view id, std::string_view delivery);

}  // namespace boxoffice::webhooks
