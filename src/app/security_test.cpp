#include "app/security.hpp"

#include <gtest/gtest.h>

namespace boxoffice::security {
namespace {

class TicketCodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { initialize(); }
};

TEST_F(TicketCodeTest, TheRealCodePasses) {
  const auto [public_key, secret_key] = new_signing_keys();
  const auto code = ticket_code(secret_key, "evt_1", "tkt_1");
  EXPECT_TRUE(verify_ticket_code(public_key, "evt_1", code));
  EXPECT_FALSE(verify_ticket_code(public_key, "evt_2", code));
  EXPECT_FALSE(verify_ticket_code(public_key, "evt_1", "tkt_2" + code.substr(code.find('.'))));
}

// Found by fuzz/ticket_code_fuzzer: libsodium's base64 decoder read some bytes outside the
// alphabet as letters of it, so one ticket had several codes that passed.
TEST_F(TicketCodeTest, EveryOtherSpellingOfTheSignatureFails) {
  const auto [public_key, secret_key] = new_signing_keys();
  const auto code = ticket_code(secret_key, "evt_1", "tkt_1");
  for (std::size_t i = code.find('.') + 1; i < code.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      std::string other = code;
      other[i] = static_cast<char>(b);
      if (other == code) continue;
      EXPECT_FALSE(verify_ticket_code(public_key, "evt_1", other))
          << "position " << i << " byte " << b;
    }
  }
  EXPECT_FALSE(verify_ticket_code(public_key, "evt_1", code + "A"));
}

}  // namespace
}  // namespace boxoffice::security
