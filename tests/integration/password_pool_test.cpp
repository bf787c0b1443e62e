// Sign-ups and sign-ins hash a password (Argon2id, 64 MiB, tens of milliseconds each). They run on
// a small pool of their own with a bounded queue: a flood of them is turned away with 503 and
// Retry-After at once, and the storage workers stay free for everyone else.
#include <atomic>
#include <thread>

#include "integration/fixture.hpp"

namespace boxoffice::testing {
namespace {

TEST(PasswordPool, ASignUpFloodIsTurnedAwayAndOtherRequestsStillAnswer) {
  OwnServer own({"--password-threads", "1", "--password-queue", "2"});
  auto c = own.client();
  std::atomic<int> created{0}, busy{0}, busy_without_retry_after{0}, other{0};
  std::vector<std::thread> flood;
  for (int t = 0; t < 16; ++t) {
    flood.emplace_back([&, t] {
      for (int i = 0; i < 4; ++i) {
        const std::string email = "flood" + std::to_string(t) + "-" + std::to_string(i) + "-" +
                                  std::to_string(getpid()) + "@test.example";
        auto r = c.post("/api/v1/accounts",
                        {{"email", email}, {"password", "password-123"}, {"name", "Flood"}});
        if (r.status == 201) {
          ++created;
        } else if (r.status == 503) {
          ++busy;
          if (r.header("retry-after").empty()) ++busy_without_retry_after;
        } else {
          ++other;
        }
      }
    });
  }
  // While the flood runs, a storage-backed read is not stuck behind it.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto start = std::chrono::steady_clock::now();
  auto venues = c.get("/api/v1/venues");
  const auto waited = std::chrono::steady_clock::now() - start;
  for (auto& t : flood) t.join();
  EXPECT_EQ(venues.status, 200);
  EXPECT_LT(waited, std::chrono::milliseconds(1000));
  EXPECT_GT(created.load(), 0);
  EXPECT_GT(busy.load(), 0);
  EXPECT_EQ(busy_without_retry_after.load(), 0);
  EXPECT_EQ(other.load(), 0);
  // Once the flood is over, signing up works again.
  auto after =
      c.post("/api/v1/accounts", {{"email", "after-" + std::to_string(getpid()) + "@test.example"},
                                  {"password", "password-123"},
                                  {"name", "After"}});
  EXPECT_EQ(after.status, 201) << after.body;
}

}  // namespace
}  // namespace boxoffice::testing
