#pragma once
// Accounts and what each role may do. Authorisation rules live here and nowhere else.
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace boxoffice {

// A door account checks tickets in at the door (and reads every event to pick one), nothing else.
enum class Role { admin, manager, buyer, door };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct Account {
  std::string id;
  std::string email;  // normalised: trimmed, lower case
  std::string name;
  Role role = Role::buyer;
  TimePoint created_at;
};

// An account as stored, with its Argon2id password hash (never leaves the storage and app layers).
struct StoredAccount {
  Account account;
  std::string password_hash;
};

struct Registration {
  std::string email;
  std::string password;
  std::string name;
  Role role = Role::buyer;
};

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

std::string normalize_email(std::string_view email);

bool plausible_email(std::string_view email);
// A phone number for text messages in E.164 form: "+" and 8 to 15 digits.
bool plausible_phone(std::string_view phone);
// Names a bad "email" or "name" of a person to contact.
FieldErrors validate_contact(const std::string& email, const std::string& name);
// Names every bad field of a registration ("email", "password", "name").
FieldErrors validate_registration(const Registration& registration);

// Who may do what. `creator` is empty for self-registration. read_all_events: every event,
// drafts and hidden ones included (their sales figures need manage_events); check_in_tickets:
// admit tickets at the door.
enum class Permission {
  manage_venues,
  manage_events,
  manage_accounts,
  read_all_events,
  check_in_tickets
};
bool allows(Role role, Permission permission);
Result<void> may_register(const std::optional<Account>& creator, Role requested);

// 401 when nobody is signed in.
Result<void> require_signed_in(const std::optional<Account>& account);
// 401 when nobody is signed in, 403 when the account lacks the permission.
Result<void> authorize(const std::optional<Account>& account, Permission permission);

}  // namespace boxoffice
