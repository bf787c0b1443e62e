#pragma once
// One real server process per test suite, on a fresh database of the backend under test.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "support/http_client.hpp"
#include "support/scratch_database.hpp"
#include "support/server_process.hpp"

namespace boxoffice::testing {

extern std::string g_backend;  // "sqlite" or "postgres"
extern std::string g_server;   // path of the boxoffice binary

inline const char* kAdminEmail = "admin@test.example";
inline const char* kAdminPassword = "admin-password-1";

// A server of its own for a test that needs special options; the database goes with it.
struct OwnServer {
  explicit OwnServer(std::vector<std::string> args)
      : db(g_backend),
        server(g_server, db.url(), std::move(args),
               {{"BOXOFFICE_ADMIN_EMAIL", kAdminEmail},
                {"BOXOFFICE_ADMIN_PASSWORD", kAdminPassword}}) {}
  HttpClient client() const { return HttpClient(server.port()); }
  ScratchDatabase db;
  ServerProcess server;
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = std::make_unique<OwnServer>(std::vector<std::string>{});
  }
  static void TearDownTestSuite() {
    shared_.reset();
    tokens_.clear();
  }

  static HttpClient client() { return shared_->client(); }
  static ServerProcess& server() { return shared_->server; }

  static std::string sign_in(const HttpClient& c, const std::string& email,
                             const std::string& password) {
    auto r = c.post("/api/v1/sessions", {{"email", email}, {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("token").as_string()) : "";
  }
  static std::string admin_token() {
    auto& token = tokens_["admin"];
    if (token.empty()) token = sign_in(client(), kAdminEmail, kAdminPassword);
    return token;
  }
  // A new account of `role` made by the administrator; returns its token.
  static std::string new_account(const std::string& role) {
    static int n = 0;
    const std::string email =
        role + std::to_string(++n) + "-" + std::to_string(getpid()) + "@test.example";
    auto r = client().post(
        "/api/v1/accounts",
        {{"email", email}, {"password", "password-123"}, {"name", "Tester"}, {"role", role}},
        admin_token());
    EXPECT_EQ(r.status, 201) << r.body;
    return sign_in(client(), email, "password-123");
  }
  static std::string manager_token() {
    auto& token = tokens_["manager"];
    if (token.empty()) token = new_account("manager");
    return token;
  }
  static std::string buyer_token() {
    auto& token = tokens_["buyer"];
    if (token.empty()) token = new_account("buyer");
    return token;
  }

  static inline std::unique_ptr<OwnServer> shared_;
  static inline std::map<std::string, std::string> tokens_;  // per suite: each has its own server
};

inline std::string str(const boost::json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

}  // namespace boxoffice::testing
