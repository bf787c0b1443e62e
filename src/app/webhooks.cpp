#include "app/webhooks.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "app/security.hpp"

namespace boxoffice::webhooks {
namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

bool sees(const Account& account, const Webhook& webhook) {
  return account.role == Role::admin || webhook.owner == account.id;
}

std::string known_types() {
  std::string out;
  for (const auto t : kWebhookEventTypes) out += (out.empty() ? "" : ", ") + std::string(t);
  return out;
}

}  // namespace

std::string url_problem(std::string_view url) {
  if (url.size() > 2000) return "must be at most 2000 characters";
  for (unsigned char c : url)
    if (c <= ' ' || c == 0x7f) return "must not contain spaces or control characters";
  std::string_view rest;
  if (starts_with_nocase(url, "https://"))
    rest = url.substr(8);
  else if (starts_with_nocase(url, "http://"))
    rest = url.substr(7);
  else
    return "must be an http:// or https:// URL";
  const auto host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  if (authority.empty() || authority.front() == ':') return "must name a host";
  return {};
}

Result<Webhook> create(Storage& storage, const AppEnv& env, const std::optional<Account>& account,
                       const WebhookRequest& request, FieldErrors errors) {
  if (auto ok = authorize(account, Permission::manage_events); !ok) return ok.error();
  if (!request.url)
    errors.try_emplace("url", "required");
  else if (auto why = url_problem(*request.url); !why.empty())
    errors["url"] = why;
  std::vector<std::string> events;
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    if (is_webhook_event_type(request.events[i]))
      events.push_back(request.events[i]);
    else
      errors["events[" + std::to_string(i) + "]"] = "unknown event type; known: " + known_types();
  }
  if (request.events.empty() && !errors.count("events"))
    errors["events"] = "name at least one event type: " + known_types();
  if (!errors.empty()) return validation_error(std::move(errors));
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());
  if (storage.list_webhooks(account->id).size() >= kMaxPerOwner)
    return Error{
        ErrorKind::conflict,
        "too_many_webhooks",
        "You have " + std::to_string(kMaxPerOwner) + " webhooks already; delete one first.",
        {}};
  Webhook w{security::new_id("whk"), *request.url, new_webhook_secret(),
            std::move(events),       account->id,  env.clock.now()};
  storage.insert_webhook(w);
  return w;
}

Result<std::vector<Webhook>> list(Storage& storage, const std::optional<Account>& account) {
  if (auto ok = authorize(account, Permission::manage_events); !ok) return ok.error();
  return storage.list_webhooks(account->role == Role::admin ? "" : account->id);
}

Result<Webhook> get(Storage& storage, const std::optional<Account>& account, std::string_view id) {
  if (auto ok = authorize(account, Permission::manage_events); !ok) return ok.error();
  auto w = storage.webhook(id);
  if (!w || !sees(*account, *w)) return not_found_error("The webhook");
  return std::move(*w);
}

Result<void> remove(Storage& storage, const std::optional<Account>& account, std::string_view id) {
  auto w = get(storage, account, id);
  if (!w) return w.error();
  if (!storage.delete_webhook(id)) return not_found_error("The webhook");
  return {};
}

Result<std::vector<DeliveryRecord>> deliveries(Storage& storage, const AppEnv&,
                                               const std::optional<Account>& account,
                                               std::string_view id) {
  auto w = get(storage, account, id);
  if (!w) return w.error();
  return storage.webhook_deliveries(id, kDeliveriesShown);
}

Result<void> retry(Storage& storage, const AppEnv& env, const std::optional<Account>& account,
                   std::string_view id, std::string_view delivery) {
  auto w = get(storage, account, id);
  if (!w) return w.error();
  std::int64_t number = 0;
  const auto [end, ec] =
      std::from_chars(delivery.data(), delivery.data() + delivery.size(), number);
  if (ec != std::errc() || end != delivery.data() + delivery.size())
    return not_found_error("The delivery");
  if (storage.retry_delivery(id, number, env.clock.now())) return {};
  for (const auto& d : storage.webhook_deliveries(id, kDeliveriesShown))
    if (d.id == number)
      return Error{ErrorKind::conflict,
                   "delivery_not_abandoned",
                   "Only an abandoned delivery is tried again this way; this one is " +
                       std::string(d.delivered_at ? "delivered." : "still being tried."),
                   {}};
  return not_found_error("The delivery");
}

}  // namespace boxoffice::webhooks
