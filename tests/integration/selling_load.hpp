#pragma once
// Buyers who hold and buy seats through HTTP as fast as one server lets them, for the tests of
// what a server keeps when it is killed or its database copied in the middle of a sale; and the
// checks of what a database kept.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "integration/sale_fixture.hpp"

namespace boxoffice::testing {

class SellingFixture : public SaleFixture {
 protected:
  static constexpr int kRows = 20;
  static constexpr int kSeatsPerRow = 30;

  // An event on sale with one seated section "hall" of kRows x kSeatsPerRow seats: room enough
  // that buyers picking seats at random mostly succeed for the few seconds of a test. Each buyer
  // may buy 100 tickets: the tests take a few dozen orders of two from each.
  static Sale big_sale(const std::string& name) {
    json::array rows;
    for (int r = 0; r < kRows; ++r)
      rows.push_back({{"label", std::string(1, static_cast<char>('A' + r))},
                      {"from", 1},
                      {"to", kSeatsPerRow}});
    json::array sections{{{"key", "hall"}, {"name", "Hall"}, {"kind", "seated"}, {"rows", rows}}};
    return on_sale(name, {{"max_tickets_per_buyer", 100}}, {},  // the most allowed
                   std::move(sections));
  }

  struct Sold {
    std::string order;
    std::vector<std::string> seats;
    std::chrono::steady_clock::time_point acknowledged;  // when its 201 arrived
  };

  // A hold or order whose POST a proxy answered with a 5xx: the node it went to did not answer.
  struct Unanswered {
    std::string idempotency_key;  // an order's; empty for a hold
    std::string token;            // the buyer's
    json::object body;
    int status = 0;
    std::string answer;
    std::chrono::steady_clock::time_point sent;
  };

  // One thread per token, each holding two neighbouring seats picked at random and buying them,
  // until stop() or until the server stops answering (a killed server ends the threads).
  class Load {
   public:
    Load(unsigned short port, Sale sale, const std::vector<std::string>& tokens)
        : sale_(std::move(sale)) {
      for (std::size_t b = 0; b < tokens.size(); ++b)
        threads_.emplace_back([this, port, b, token = tokens[b]] { buy(port, b, token); });
    }
    ~Load() { stop(); }
    void stop() {
      stop_ = true;
      for (auto& t : threads_)
        if (t.joinable()) t.join();
    }
    std::vector<Sold> sold() const {
      std::lock_guard lock(mutex_);
      return sold_;
    }
    std::vector<Unanswered> unanswered() const {
      std::lock_guard lock(mutex_);
      return unanswered_;
    }
    // Returns once `n` orders have been acknowledged (or after 10 s, the test then fails on its
    // own count): the load is under way, whatever the machine's speed.
    void wait_for(std::size_t n) const {
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (sold().size() < n && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

   private:
    void buy(unsigned short port, std::size_t buyer, const std::string& token) {
      const HttpClient c(port);
      std::mt19937 random(static_cast<unsigned>(buyer * 7919 + getpid()));
      for (int n = 0; !stop_; ++n) {
        const std::string row(1, static_cast<char>('A' + random() % kRows));
        const int first = 1 + static_cast<int>(random() % (kSeatsPerRow - 1));
        const std::vector<std::string> seats{"hall/" + row + "/" + std::to_string(first),
                                             "hall/" + row + "/" + std::to_string(first + 1)};
        try {
          const json::object asked{{"event_id", sale_.event}, {"seats", {seats[0], seats[1]}}};
          const auto held_at = std::chrono::steady_clock::now();
          auto hold = c.post("/api/v1/holds", asked, token);
          if (hold.status >= 500) {
            std::lock_guard lock(mutex_);
            unanswered_.push_back({"", token, asked, hold.status, hold.body, held_at});
          }
          if (hold.status != 201) continue;  // taken already: pick others
          const std::string key = "load-" + std::to_string(getpid()) + "-" + std::to_string(buyer) +
                                  "-" + std::to_string(n);
          const auto body = order_body(str(hold.json(), "id"), seat_items(seats, sale_.type));
          const auto sent = std::chrono::steady_clock::now();
          auto paid = c.request("POST", "/api/v1/orders", json::serialize(body),
                                {{"Authorization", "Bearer " + token}, {"Idempotency-Key", key}});
          std::lock_guard lock(mutex_);
          if (paid.status >= 500)
            unanswered_.push_back({key, token, body, paid.status, paid.body, sent});
          if (paid.status != 201) continue;
          sold_.push_back({str(paid.json(), "id"), seats, std::chrono::steady_clock::now()});
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    }

    Sale sale_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::vector<Sold> sold_;
    std::vector<Unanswered> unanswered_;
    std::vector<std::thread> threads_;
  };

  static std::vector<std::string> buyers(int n) {
    std::vector<std::string> tokens;
    for (int i = 0; i < n; ++i) tokens.push_back(new_account("buyer"));
    return tokens;
  }

  // Through the server `c` reaches: every order of `sold` is there, paid, with its seats; no seat
  // is in two of them; each of those seats shows as sold; and the section's counts are those of
  // its seat map, where `held` seats (if given) are still held. `token` is the event manager's.
  static void expect_sales_kept(const HttpClient& c, const Sale& sale,
                                const std::vector<Sold>& sold, const std::string& token,
                                std::optional<std::int64_t> held) {
    std::set<std::string> seats;
    for (const auto& s : sold) {
      auto r = c.get("/api/v1/orders/" + s.order, token);
      ASSERT_EQ(r.status, 200) << "acknowledged order " << s.order << " is gone: " << r.body;
      EXPECT_EQ(str(r.json(), "status"), "paid") << r.body;
      std::vector<std::string> ticketed;
      for (const auto& t : r.json().at("tickets").as_array()) ticketed.push_back(str(t, "seat"));
      auto bought = s.seats;
      std::sort(ticketed.begin(), ticketed.end());
      std::sort(bought.begin(), bought.end());
      EXPECT_EQ(ticketed, bought) << r.body;
      for (const auto& seat : s.seats)
        EXPECT_TRUE(seats.insert(seat).second) << seat << " sold twice";
    }
    auto map = c.get(event_path(sale.event) + "/sections/hall/seats");
    ASSERT_EQ(map.status, 200) << map.body;
    std::map<std::string, std::string> state;
    std::map<std::string, std::int64_t> in_state;
    for (const auto& seat : map.json().at("seats").as_array()) {
      state[str(seat, "id")] = str(seat, "state");
      ++in_state[str(seat, "state")];
    }
    for (const auto& seat : seats) EXPECT_EQ(state[seat], "sold") << seat;
    if (held) {
      EXPECT_EQ(in_state["held"], *held);
    }
    auto counts = c.get(event_path(sale.event) + "/availability");
    ASSERT_EQ(counts.status, 200) << counts.body;
    for (const auto& s : counts.json().at("sections").as_array()) {
      if (s.at("key").as_string() != "hall") continue;
      EXPECT_EQ(s.at("sold").as_int64(), in_state["sold"]);
      EXPECT_EQ(s.at("held").as_int64(), in_state["held"]);
      EXPECT_EQ(s.at("available").as_int64(), in_state["available"]);
    }
  }
};

}  // namespace boxoffice::testing
