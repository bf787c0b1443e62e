#pragma once
// Use cases for accounts and sign-in.
#include <optional>
#include <string>

#include "app/app_env.hpp"
#include "app/periodic_tasks.hpp"
#include "app/storage.hpp"

namespace boxoffice::accounts {

struct SignedIn {
  std::string token;
  TimePoint expires_at;
  Account account;
};

// Buyers register themselves; only an administrator (`creator`) makes managers or administrators.
Result<Account> register_account(Storage& storage, const AppEnv& env,
                                 const std::optional<Account>& creator, Registration registration);

// For trusted callers that act without a signed-in creator (first start, demo data).
Result<Account> create_account(Storage& storage, const AppEnv& env, Registration registration);

Result<SignedIn> sign_in(Storage& storage, const AppEnv& env, const std::string& email,
                         const std::string& password, const Client& client);

// The signed-in account for a bearer token, if the token is known and not expired.
std::optional<Account> account_for_token(Storage& storage, const AppEnv& env,
                                         std::string_view token);

void sign_out(Storage& storage, const AppEnv& env, std::string_view token);

// Creates the first administrator unless one exists; true if it did.
Result<bool> ensure_admin(Storage& storage, const AppEnv& env, const std::string& email,
                          const std::string& password);

// Deletes ended sessions every `period`, through a connection of its own, so that a site signed
// into all day does not keep every token it ever issued until its next restart.
void schedule_session_purge(PeriodicTasks& tasks, Backend& backend,
                            std::chrono::milliseconds period);

}  // namespace boxoffice::accounts
