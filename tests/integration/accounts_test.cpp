// Accounts, sign-in, roles and the limits on password guessing, through HTTP.
#include <thread>

#include "integration/fixture.hpp"

namespace boxoffice::testing {
namespace {

using Accounts = ServerTest;
namespace json = boost::json;

TEST_F(Accounts, BuyerRegistersSignsInSeesItselfAndSignsOut) {
  auto c = client();
  auto reg =
      c.post("/api/v1/accounts",
             {{"email", " Nora@Example.com "}, {"password", "correct horse"}, {"name", "Nora"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(str(reg.json(), "email"), "nora@example.com");
  EXPECT_EQ(str(reg.json(), "role"), "buyer");
  EXPECT_FALSE(reg.json().as_object().contains("password"));
  EXPECT_FALSE(reg.json().as_object().contains("password_hash"));

  auto session =
      c.post("/api/v1/sessions", {{"email", "NORA@example.com"}, {"password", "correct horse"}});
  ASSERT_EQ(session.status, 201) << session.body;
  const std::string token = str(session.json(), "token");
  EXPECT_GE(token.size(), 40u);
  EXPECT_EQ(str(session.json().at("account"), "email"), "nora@example.com");
  EXPECT_TRUE(session.json().as_object().contains("expires_at"));

  auto me = c.get("/api/v1/accounts/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(str(me.json(), "name"), "Nora");

  EXPECT_EQ(c.del("/api/v1/sessions/current", token).status, 204);
  auto after = c.get("/api/v1/accounts/me", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(str(after.json().at("error"), "code"), "invalid_token");
}

TEST_F(Accounts, RegistrationNamesEveryBadFieldAtOnce) {
  auto r = client().post("/api/v1/accounts", {{"email", "not-an-email"}, {"password", "short"}});
  ASSERT_EQ(r.status, 422) << r.body;
  const auto& fields = r.json().at("error").at("fields").as_object();
  EXPECT_TRUE(fields.contains("email"));
  EXPECT_TRUE(fields.contains("password"));
  EXPECT_TRUE(fields.contains("name"));
  EXPECT_EQ(str(r.json().at("error"), "code"), "validation_failed");
}

TEST_F(Accounts, WrongTypesAndUnknownFieldsAreNamed) {
  auto r = client().post(
      "/api/v1/accounts",
      {{"email", 42}, {"password", "long enough pw"}, {"name", "X"}, {"nickname", "x"}});
  ASSERT_EQ(r.status, 422) << r.body;
  const auto& fields = r.json().at("error").at("fields");
  EXPECT_EQ(str(fields, "email"), "must be a string");
  EXPECT_EQ(str(fields, "nickname"), "is not a known field");
}

TEST_F(Accounts, EmailsAreUniqueRegardlessOfCase) {
  auto c = client();
  json::object body{{"email", "dup@example.com"}, {"password", "password-123"}, {"name", "D"}};
  ASSERT_EQ(c.post("/api/v1/accounts", body).status, 201);
  body["email"] = "DUP@example.com";
  auto again = c.post("/api/v1/accounts", body);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(str(again.json().at("error"), "code"), "email_taken");
}

TEST_F(Accounts, OnlyAdministratorsCreateManagers) {
  auto c = client();
  json::object body{{"email", "mgr@example.com"},
                    {"password", "password-123"},
                    {"name", "M"},
                    {"role", "manager"}};
  EXPECT_EQ(c.post("/api/v1/accounts", body).status, 401);
  EXPECT_EQ(c.post("/api/v1/accounts", body, buyer_token()).status, 403);
  EXPECT_EQ(c.post("/api/v1/accounts", body, manager_token()).status, 403);
  auto made = c.post("/api/v1/accounts", body, admin_token());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(str(made.json(), "role"), "manager");

  EXPECT_EQ(c.get("/api/v1/accounts").status, 401);
  EXPECT_EQ(c.get("/api/v1/accounts", manager_token()).status, 403);
  auto list = c.get("/api/v1/accounts", admin_token());
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json().at("accounts").as_array().size(), 2u);
}

TEST_F(Accounts, UnknownTokensAreRejectedEvenOnPublicRoutes) {
  auto r = client().get("/api/v1/venues", "not-a-real-token");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
}

TEST_F(Accounts, WrongPasswordsLockTheAccountWithRetryAfter) {
  auto c = client();
  ASSERT_EQ(c.post("/api/v1/accounts",
                   {{"email", "lock@example.com"}, {"password", "right-password"}, {"name", "L"}})
                .status,
            201);
  for (int i = 0; i < 5; ++i) {
    auto r = c.post("/api/v1/sessions", {{"email", "lock@example.com"}, {"password", "wrong"}});
    ASSERT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
    EXPECT_EQ(str(r.json().at("error"), "code"), "invalid_credentials");
  }
  auto locked =
      c.post("/api/v1/sessions", {{"email", "lock@example.com"}, {"password", "right-password"}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(str(locked.json().at("error"), "code"), "too_many_attempts");
  EXPECT_GT(std::stoi(locked.header("retry-after")), 0);
  // Other accounts are unaffected.
  EXPECT_FALSE(sign_in(c, kAdminEmail, kAdminPassword).empty());
}

TEST_F(Accounts, UnknownEmailsFailLikeWrongPasswords) {
  auto r = client().post("/api/v1/sessions", {{"email", "ghost@example.com"}, {"password", "x"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(str(r.json().at("error"), "code"), "invalid_credentials");
}

TEST(AccountLimits, FailuresFromOneAddressAreLimitedWhenLoopbackIsCounted) {
  OwnServer own({"--rate-limit-loopback", "--login-failures-per-address", "3"});
  auto c = own.client();
  for (int i = 0; i < 3; ++i) {
    auto r = c.post("/api/v1/sessions",
                    {{"email", "user" + std::to_string(i) + "@example.com"}, {"password", "x"}});
    ASSERT_EQ(r.status, 401) << r.body;
  }
  auto limited = c.post("/api/v1/sessions", {{"email", kAdminEmail}, {"password", kAdminPassword}});
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.header("retry-after").empty());
}

TEST(AccountLimits, SessionsExpire) {
  OwnServer own({"--session-ttl", "1"});
  auto c = own.client();
  auto r = c.post("/api/v1/sessions", {{"email", kAdminEmail}, {"password", kAdminPassword}});
  ASSERT_EQ(r.status, 201);
  const std::string token = str(r.json(), "token");
  EXPECT_EQ(c.get("/api/v1/accounts/me", token).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(c.get("/api/v1/accounts/me", token).status, 401);
}

}  // namespace
}  // namespace boxoffice::testing
