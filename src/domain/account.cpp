#include "domain/account.hpp"

#include <algorithm>
#include <cctype>

namespace boxoffice {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::manager:
      return "manager";
    case Role::buyer:
      return "buyer";
    case Role::door:
      return "door";
  }
  return "buyer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : {Role::admin, Role::manager, Role::buyer, Role::door}) {
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

std::string normalize_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front())))
    email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back())))
    email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Deliberately loose (one '@', a dot in the domain, no spaces): mail servers are the real judge.
bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(),
                      [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
}

bool plausible_phone(std::string_view phone) {
  if (phone.size() < 9 || phone.size() > 16 || phone.front() != '+' || phone[1] == '0')
    return false;
  return std::all_of(phone.begin() + 1, phone.end(),
                     [](unsigned char c) { return std::isdigit(c); });
}

FieldErrors validate_contact(const std::string& email, const std::string& name) {
  FieldErrors errors;
  if (email.empty()) {
    errors["email"] = "is required";
  } else if (email.size() > 254 || !plausible_email(email)) {
    errors["email"] = "must be an e-mail address such as name@example.com";
  }
  if (name.empty()) {
    errors["name"] = "is required";
  } else if (name.size() > 200) {
    errors["name"] = "must have at most 200 characters";
  }
  return errors;
}

FieldErrors validate_registration(const Registration& r) {
  FieldErrors errors = validate_contact(r.email, r.name);
  if (r.password.size() < kMinPasswordLength) {
    errors["password"] = "must have at least " + std::to_string(kMinPasswordLength) + " characters";
  } else if (r.password.size() > kMaxPasswordLength) {
    errors["password"] = "must have at most " + std::to_string(kMaxPasswordLength) + " characters";
  }
  return errors;
}

bool allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::manage_venues:
    case Permission::manage_events:
      return role == Role::admin || role == Role::manager;
    case Permission::manage_accounts:
      return role == Role::admin;
    case Permission::read_all_events:
    case Permission::check_in_tickets:
      return role == Role::admin || role == Role::manager || role == Role::door;
  }
  return false;
}

Result<void> require_signed_in(const std::optional<Account>& account) {
  if (account) return {};
  return Error{ErrorKind::unauthorized,
               "unauthorized",
               "Sign in first: send Authorization: Bearer <token>.",
               {}};
}

Result<void> authorize(const std::optional<Account>& account, Permission permission) {
  if (auto signed_in = require_signed_in(account); !signed_in) return signed_in;
  if (!allows(account->role, permission)) {
    return Error{
        ErrorKind::forbidden,
        "forbidden",
        "Your account (" + std::string(to_string(account->role)) + ") is not allowed to do this.",
        {}};
  }
  return {};
}

Result<void> may_register(const std::optional<Account>& creator, Role requested) {
  if (requested == Role::buyer) return {};
  if (!creator) {
    return Error{ErrorKind::unauthorized,
                 "unauthorized",
                 "Only an administrator can create " + std::string(to_string(requested)) +
                     " accounts; sign in first.",
                 {}};
  }
  return authorize(creator, Permission::manage_accounts);
}

}  // namespace boxoffice
