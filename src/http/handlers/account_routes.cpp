// Accounts and sign-in sessions.
#include "app/accounts.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"

namespace boxoffice::http {
namespace {

constexpr std::size_t kMaxCreditEntries = 200;  // the newest; the balances count them all

using Need = json::ObjectReader::Need;

boost::json::object account_json(const Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"name", a.name},
          {"role", to_string(a.role)},
          {"created_at", format_rfc3339(a.created_at)}};
}

Response register_account(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"email", "password", "name", "role"});
  Registration reg;
  reg.email = normalize_email(r.string("email", Need::optional).value_or(""));
  reg.password = r.string("password", Need::optional).value_or("");
  reg.name = r.string("name", Need::optional).value_or("");
  if (auto role_text = r.string("role", Need::optional)) {
    if (auto role = parse_role(*role_text))
      reg.role = *role;
    else
      r.fail("role", "must be buyer, manager, door or admin");
  }
  if (auto allowed = may_register(ctx.account, reg.role); !allowed)
    return error_response(allowed.error());
  if (!errors.empty()) {
    errors.merge(validate_registration(reg));
    return error_response(validation_error(errors));
  }
  auto account = accounts::register_account(ctx.storage, ctx.env, ctx.account, std::move(reg));
  if (!account) return error_response(account.error());
  return json_response(201, account_json(account.value()));
}

Response list_accounts(Context& ctx) {
  boost::json::array items;
  for (const auto& a : ctx.storage.list_accounts()) items.push_back(account_json(a));
  return json_response(200, {{"accounts", std::move(items)}});
}

Response current_account(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  return json_response(200, account_json(*ctx.account));
}

Response sign_in(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"email", "password"});
  auto email = r.string("email", Need::required, 254);
  auto password = r.string("password", Need::required, kMaxPasswordLength);
  if (!errors.empty()) return error_response(validation_error(errors));
  auto signed_in = accounts::sign_in(ctx.storage, ctx.env, *email, *password,
                                     {ctx.request.remote_address, ctx.request.loopback});
  if (!signed_in) return error_response(signed_in.error());
  const auto& s = signed_in.value();
  return json_response(201, {{"token", s.token},
                             {"expires_at", format_rfc3339(s.expires_at)},
                             {"account", account_json(s.account)}});
}

Response sign_out(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  accounts::sign_out(ctx.storage, ctx.env, ctx.request.bearer_token());
  return no_content();
}

Response my_credit(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  boost::json::array balances, entries;
  for (const auto& b : ctx.storage.credit_balances(ctx.account->id))
    balances.push_back({{"currency", b.currency}, {"amount", b.amount}});
  for (const auto& e : ctx.storage.credit_entries(ctx.account->id, kMaxCreditEntries)) {
    boost::json::object entry{{"amount", e.amount},
                              {"currency", e.currency},
                              {"reason", e.reason},
                              {"created_at", format_rfc3339(e.created_at)}};
    if (!e.order_id.empty()) entry["order_id"] = e.order_id;
    entries.push_back(std::move(entry));
  }
  return json_response(200, {{"balances", std::move(balances)}, {"entries", std::move(entries)}});
}

Response my_vouchers(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  boost::json::array vouchers;
  for (const auto& v : ctx.storage.vouchers(ctx.account->id))
    vouchers.push_back({{"code", v.code},
                        {"event_id", v.event_id},
                        {"value", v.value},
                        {"currency", v.currency},
                        {"status", v.status},
                        {"created_at", format_rfc3339(v.created_at)}});
  return json_response(200, {{"vouchers", std::move(vouchers)}});
}

}  // namespace

void add_account_routes(Router& router) {
  router.add_hashing("POST", "/api/v1/accounts", register_account);
  router.add("GET", "/api/v1/accounts",
             with_permission(Permission::manage_accounts, list_accounts));
  router.add("GET", "/api/v1/accounts/me", current_account);
  router.add("GET", "/api/v1/accounts/me/credit", my_credit);
  router.add("GET", "/api/v1/accounts/me/vouchers", my_vouchers);
  router.add_hashing("POST", "/api/v1/sessions", sign_in);
  router.add("DELETE", "/api/v1/sessions/current", sign_out);
}

}  // namespace boxoffice::http
