#pragma once
// The fixture of the contract suites about an event's places (holds, the change feed).
#include <gtest/gtest.h>

#include <set>

#include "storage/open_backend.hpp"
#include "storage_contract/contract.hpp"
#include "support/scratch_database.hpp"

namespace boxoffice {

inline const SectionCounts& counts_of(const std::vector<SectionCounts>& counts,
                                      std::string_view key) {
  for (const auto& c : counts)
    if (c.key == key) return c;
  throw std::runtime_error("no counts for section " + std::string(key));
}

inline HoldItem seat(std::string section, std::string id) {
  return {std::move(section), std::move(id), 1};
}

inline HoldItem places(std::string section, std::int64_t quantity) {
  return {std::move(section), "", quantity};
}

inline std::set<std::string> seats_of_hold(const Hold& h) {
  std::set<std::string> out;
  for (const auto& item : h.items)
    if (!item.seat_id.empty()) out.insert(item.seat_id);
  return out;
}

inline constexpr int kNoLimit = 1'000'000;

// An arena with two seated sections and two standing areas, and two buyers.
class PlacesContract : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = open_backend(scratch_.url());
    backend_->migrate();
    storage_ = backend_->connect();
    venue_ = {security::new_id("ven"), "Arena", "1 Main St", "Europe/Berlin",
              at("2026-01-02T00:00:00Z")};
    storage_->insert_venue(venue_);
    layout_ = {security::new_id("lay"),
               venue_.id,
               "Concert",
               at("2026-01-03T00:00:00Z"),
               {{1,
                 at("2026-02-01T00:00:00Z"),
                 {seated("a", {{"A", 4}, {"B", 4}}), standing("floor", 10),
                  seated("r", {{"A", 6}, {"B", 6}}), standing("big", 50)},
                 at("2026-01-03T00:00:00Z")}}};
    ASSERT_TRUE(storage_->insert_layout(layout_));
    buyer_ = add_account("buyer");
    other_ = add_account("other");
  }

  std::string add_account(const std::string& name) {
    auto a = test_account(name);
    EXPECT_TRUE(storage_->insert_account(a));
    return a.account.id;
  }

  Event add_event(std::map<std::string, std::int64_t> caps = {}) {
    Event e = test_event(venue_.id, layout_.id, std::move(caps));
    storage_->insert_event(e, layout_.versions.back(),
                           {e.id, e.created_at, "acc_manager", "create", "created"});
    return e;
  }

  static Hold make_hold(const Event& e, const std::string& account, std::vector<HoldItem> items,
                        TimePoint created = at("2026-03-05T10:00:00Z"),
                        std::chrono::seconds lasts = std::chrono::seconds(900)) {
    return {security::new_id("hld"), e.id, account, HoldStatus::active, created, created + lasts,
            std::move(items)};
  }

  SeatState state_of(const Event& e, std::string_view section, std::string_view id) {
    for (const auto& s : storage_->seats(e.id, section))
      if (s.id == id) return s.state;
    throw std::runtime_error("no seat " + std::string(id));
  }

  SectionCounts counts(const Event& e, std::string_view section) {
    return counts_of(storage_->section_counts(e.id), section);
  }

  ScratchDatabase scratch_{contract_backend()};
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Storage> storage_;
  Venue venue_;
  Layout layout_;
  std::string buyer_, other_;
};

}  // namespace boxoffice
