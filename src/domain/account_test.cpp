#include "domain/account.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

TEST(Accounts, EmailsAreTrimmedAndLowerCased) {
  EXPECT_EQ(normalize_email("  Ana.Lee@Example.COM \n"), "ana.lee@example.com");
}

TEST(Accounts, RegistrationNamesEveryProblem) {
  auto errors = validate_registration({"no-at-sign", "short", "", Role::buyer});
  EXPECT_EQ(errors.size(), 3u);
  EXPECT_TRUE(errors.count("email") && errors.count("password") && errors.count("name"));
  EXPECT_TRUE(validate_registration({"a@b.co", "long enough!", "A", Role::buyer}).empty());
  for (const char* bad : {"a@b", "@b.co", "a@@b.co", "a b@c.co", "a@b.co."})
    EXPECT_TRUE(validate_registration({bad, "long enough!", "A", Role::buyer}).count("email"))
        << bad;
}

TEST(Accounts, RolesGrantPermissions) {
  EXPECT_TRUE(allows(Role::admin, Permission::manage_accounts));
  EXPECT_FALSE(allows(Role::manager, Permission::manage_accounts));
  EXPECT_TRUE(allows(Role::manager, Permission::manage_venues));
  EXPECT_FALSE(allows(Role::buyer, Permission::manage_venues));
  EXPECT_FALSE(allows(Role::buyer, Permission::manage_events));
  EXPECT_FALSE(allows(Role::buyer, Permission::check_in_tickets));
  EXPECT_FALSE(allows(Role::buyer, Permission::read_all_events));
  for (Role r : {Role::admin, Role::manager, Role::door}) {
    EXPECT_TRUE(allows(r, Permission::check_in_tickets));
    EXPECT_TRUE(allows(r, Permission::read_all_events));
  }
  // The door checks tickets in and reads events to pick one: no managing, no sales figures.
  for (auto p : {Permission::manage_venues, Permission::manage_events, Permission::manage_accounts})
    EXPECT_FALSE(allows(Role::door, p));
  EXPECT_EQ(parse_role("door"), Role::door);
  EXPECT_EQ(to_string(Role::door), "door");
}

TEST(Accounts, AuthorizeSaysWhoIsMissingAndWhoIsNotAllowed) {
  auto nobody = authorize(std::nullopt, Permission::manage_venues);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().kind, ErrorKind::unauthorized);
  Account buyer{"acc_1", "b@x.io", "B", Role::buyer, {}};
  auto refused = authorize(buyer, Permission::manage_venues);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::forbidden);
  buyer.role = Role::manager;
  EXPECT_TRUE(authorize(buyer, Permission::manage_venues));
}

TEST(Accounts, OnlyAdministratorsRegisterStaff) {
  EXPECT_TRUE(may_register(std::nullopt, Role::buyer));
  EXPECT_EQ(may_register(std::nullopt, Role::manager).error().kind, ErrorKind::unauthorized);
  Account manager{"acc_2", "m@x.io", "M", Role::manager, {}};
  EXPECT_EQ(may_register(manager, Role::manager).error().kind, ErrorKind::forbidden);
  Account admin{"acc_3", "a@x.io", "A", Role::admin, {}};
  EXPECT_TRUE(may_register(admin, Role::admin));
}

}  // namespace
}  // namespace boxoffice
