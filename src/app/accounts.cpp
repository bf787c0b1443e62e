#include "app/accounts.hpp"

#include "app/security.hpp"
#include "app/session_cache.hpp"

namespace boxoffice::accounts {

Result<Account> create_account(Storage& storage, const AppEnv& env, Registration r) {
  r.email = normalize_email(r.email);
  if (auto errors = validate_registration(r); !errors.empty()) return validation_error(errors);
  StoredAccount stored{{security::new_id("acc"), r.email, r.name, r.role, env.clock.now()},
                       security::hash_password(r.password)};
  if (!storage.insert_account(stored)) {
    return Error{ErrorKind::conflict,
                 "email_taken",
                 "An account with this e-mail already exists.",
                 {{"email", "is already registered"}}};
  }
  return stored.account;
}

Result<Account> register_account(Storage& storage, const AppEnv& env,
                                 const std::optional<Account>& creator, Registration r) {
  if (auto allowed = may_register(creator, r.role); !allowed) return allowed.error();
  return create_account(storage, env, std::move(r));
}

Result<SignedIn> sign_in(Storage& storage, const AppEnv& env, const std::string& raw_email,
                         const std::string& password, const Client& client) {
  const std::string email = normalize_email(raw_email);
  if (int wait = env.throttle.begin(email, client.address, client.loopback); wait > 0) {
    Error e{ErrorKind::rate_limited,
            "too_many_attempts",
            "Too many failed sign-ins; try again in " + std::to_string(wait) + " seconds.",
            {}};
    e.retry_after_seconds = wait;
    return e;
  }
  // Unknown e-mails cost as much as wrong passwords, so timing does not reveal who has an account.
  static const std::string decoy = security::hash_password(security::new_token());
  const auto stored = storage.account_by_email(email);
  const bool ok = security::verify_password(password, stored ? stored->password_hash : decoy);
  if (!stored || !ok) {
    return Error{
        ErrorKind::unauthorized, "invalid_credentials", "E-mail or password is wrong.", {}};
  }
  env.throttle.succeeded(email, client.address, client.loopback);
  const auto now = env.clock.now();
  SignedIn result{security::new_token(), now + env.session_ttl, stored->account};
  storage.insert_session(
      {security::token_hash(result.token), stored->account.id, now, result.expires_at});
  return result;
}

std::optional<Account> account_for_token(Storage& storage, const AppEnv& env,
                                         std::string_view token) {
  const auto hash = security::token_hash(token);
  if (env.sessions)
    if (auto known = env.sessions->find(hash)) return known;
  auto account = storage.account_for_session(hash, env.clock.now());
  if (account && env.sessions) env.sessions->keep(hash, *account);
  return account;
}

void sign_out(Storage& storage, const AppEnv& env, std::string_view token) {
  const auto hash = security::token_hash(token);
  storage.delete_session(hash);
  if (env.sessions) env.sessions->forget(hash);
}

Result<bool> ensure_admin(Storage& storage, const AppEnv& env, const std::string& email,
                          const std::string& password) {
  if (storage.has_admin()) return false;
  auto created = create_account(storage, env, {email, password, "Administrator", Role::admin});
  if (!created) return created.error();
  return true;
}

void schedule_session_purge(PeriodicTasks& tasks, Backend& backend,
                            std::chrono::milliseconds period) {
  tasks.add(
      "delete ended sessions", period,
      with_connection(backend, [](Storage& s, TimePoint now) { s.delete_expired_sessions(now); }));
}

}  // namespace boxoffice::accounts
