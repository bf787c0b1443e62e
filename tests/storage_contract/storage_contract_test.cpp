// The storage contract: the same cases run against every backend, so that the server behaves the
// same whichever database it is given. Run as `storage_contract_test --backend=sqlite|postgres`.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/security.hpp"
#include "storage/open_backend.hpp"
#include "storage_contract/contract.hpp"
#include "support/scratch_database.hpp"

namespace boxoffice {
namespace {

StoredAccount account(std::string email, Role role = Role::buyer) {
  return {
      {security::new_id("acc"), std::move(email), "Test Person", role, at("2026-01-01T00:00:00Z")},
      "$argon2id$fake"};
}

Section seated(std::string key, int rows, int seats) {
  Section s{key, "Section " + key, SectionKind::seated, {}, 0, std::nullopt};
  for (int r = 0; r < rows; ++r) {
    Row row{std::string(1, static_cast<char>('A' + r)), {}};
    for (int n = 1; n <= seats; ++n) row.seats.push_back(std::to_string(n));
    s.rows.push_back(row);
  }
  return s;
}

Section standing_with_geometry(std::string key, std::int64_t capacity) {
  return {key, "Floor", SectionKind::standing, {}, capacity, Geometry{1, 2, 30, 40, 0, "rect", {}}};
}

class StorageContract : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = open_backend(scratch_.url());
    backend_->migrate();
    storage_ = backend_->connect();
  }

  Venue add_venue(std::string name = "Arena") {
    Venue v{security::new_id("ven"), std::move(name), "1 Main St", "Europe/Berlin",
            at("2026-01-02T00:00:00Z")};
    storage_->insert_venue(v);
    return v;
  }

  Layout add_layout(const Venue& v, std::string name = "Concert") {
    Layout l{security::new_id("lay"),
             v.id,
             std::move(name),
             at("2026-01-03T00:00:00Z"),
             {{1,
               at("2026-02-01T00:00:00Z"),
               {seated("a", 2, 3), standing_with_geometry("floor", 500)},
               at("2026-01-03T00:00:00Z")}}};
    EXPECT_TRUE(storage_->insert_layout(l));
    return l;
  }

  ScratchDatabase scratch_{contract_backend()};
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Storage> storage_;
};

TEST_F(StorageContract, MigrateIsIdempotent) {
  backend_->migrate();
  backend_->migrate();
  EXPECT_TRUE(storage_->list_venues().empty());
}

TEST_F(StorageContract, AccountsRoundTripAndEmailsAreUnique) {
  auto a = account("ana@example.com", Role::manager);
  ASSERT_TRUE(storage_->insert_account(a));
  EXPECT_FALSE(storage_->insert_account(account("ana@example.com")));

  auto by_email = storage_->account_by_email("ana@example.com");
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->account.id, a.account.id);
  EXPECT_EQ(by_email->account.role, Role::manager);
  EXPECT_EQ(by_email->password_hash, a.password_hash);
  EXPECT_EQ(by_email->account.created_at, a.account.created_at);

  auto by_id = storage_->account_by_id(a.account.id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->email, "ana@example.com");
  EXPECT_FALSE(storage_->account_by_id("acc_missing"));
  EXPECT_FALSE(storage_->account_by_email("nobody@example.com"));
  EXPECT_EQ(storage_->list_accounts().size(), 1u);
}

TEST_F(StorageContract, HasAdminOnlyOnceAnAdminExists) {
  ASSERT_TRUE(storage_->insert_account(account("b@example.com")));
  EXPECT_FALSE(storage_->has_admin());
  ASSERT_TRUE(storage_->insert_account(account("root@example.com", Role::admin)));
  EXPECT_TRUE(storage_->has_admin());
}

TEST_F(StorageContract, SessionsExpireAndCanBeDeleted) {
  auto a = account("s@example.com");
  ASSERT_TRUE(storage_->insert_account(a));
  const auto now = at("2026-03-01T12:00:00Z");
  storage_->insert_session({"hash-live", a.account.id, now, now + std::chrono::hours(1)});
  storage_->insert_session(
      {"hash-old", a.account.id, now - std::chrono::hours(2), now - std::chrono::seconds(1)});

  auto live = storage_->account_for_session("hash-live", now);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->id, a.account.id);
  EXPECT_FALSE(storage_->account_for_session("hash-old", now));
  EXPECT_FALSE(storage_->account_for_session("hash-live", now + std::chrono::hours(1)));
  EXPECT_FALSE(storage_->account_for_session("unknown", now));

  EXPECT_EQ(storage_->delete_expired_sessions(now), 1);
  storage_->delete_session("hash-live");
  EXPECT_FALSE(storage_->account_for_session("hash-live", now));
}

// Names sort by their bytes on every backend, whatever the database's locale.
TEST_F(StorageContract, VenuesRoundTripSortedByName) {
  auto b = add_venue("Zenith Hall");
  auto a = add_venue("Apollo");
  auto lower = add_venue("apollo");
  auto found = storage_->venue(b.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Zenith Hall");
  EXPECT_EQ(found->timezone, "Europe/Berlin");
  EXPECT_EQ(found->created_at, b.created_at);
  EXPECT_FALSE(storage_->venue("ven_missing"));
  auto all = storage_->list_venues();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, a.id);
  EXPECT_EQ(all[1].id, b.id);
  EXPECT_EQ(all[2].id, lower.id);
}

TEST_F(StorageContract, LayoutsKeepSectionsRowsAndGeometry) {
  auto v = add_venue();
  auto l = add_layout(v);
  auto loaded = storage_->layout(v.id, l.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->name, "Concert");
  ASSERT_EQ(loaded->versions.size(), 1u);
  const auto& version = loaded->versions[0];
  EXPECT_EQ(version.version, 1);
  EXPECT_EQ(version.effective_from, at("2026-02-01T00:00:00Z"));
  ASSERT_EQ(version.sections.size(), 2u);
  EXPECT_EQ(version.sections[0].rows.size(), 2u);
  EXPECT_EQ(version.sections[0].rows[1].label, "B");
  EXPECT_EQ(version.sections[0].rows[1].seats.back(), "3");
  EXPECT_EQ(version.sections[1].kind, SectionKind::standing);
  EXPECT_EQ(version.sections[1].capacity, 500);
  ASSERT_TRUE(version.sections[1].geometry);
  EXPECT_EQ(version.sections[1].geometry->width, 30);
  EXPECT_EQ(version.capacity(), 506);
}

TEST_F(StorageContract, LayoutVersionsKeepTheirStage) {
  auto v = add_venue();
  auto l = add_layout(v);
  auto with_stage = [](const Layout& current) -> Result<LayoutVersion> {
    return LayoutVersion{current.latest().version + 1, current.latest().effective_from,
                         current.latest().sections, current.created_at,
                         Stage{100, -20, 400, 60.5, 15, "Main stage"}};
  };
  ASSERT_TRUE(storage_->append_layout_version(v.id, l.id, with_stage));
  auto loaded = storage_->layout(v.id, l.id);
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->versions.size(), 2u);
  EXPECT_FALSE(loaded->versions[0].stage);
  // Read by one layout and by the venue's list (PostgreSQL reads each with its own query).
  const auto listed = storage_->list_layouts(v.id);
  ASSERT_EQ(listed.size(), 1u);
  ASSERT_EQ(listed[0].versions.size(), 2u);
  EXPECT_FALSE(listed[0].versions[0].stage);
  for (const auto& version : {loaded->versions[1], listed[0].versions[1]}) {
    ASSERT_TRUE(version.stage);
    EXPECT_EQ(version.stage->x, 100);
    EXPECT_EQ(version.stage->y, -20);
    EXPECT_EQ(version.stage->width, 400);
    EXPECT_EQ(version.stage->height, 60.5);
    EXPECT_EQ(version.stage->rotation, 15);
    EXPECT_EQ(version.stage->label, "Main stage");
  }
}

TEST_F(StorageContract, OnlyUniquenessViolationsAreQuietRefusals) {
  Layout orphan{security::new_id("lay"),
                "ven_missing",
                "Orphan",
                at("2026-01-03T00:00:00Z"),
                {{1,
                  at("2026-02-01T00:00:00Z"),
                  {standing_with_geometry("floor", 5)},
                  at("2026-01-03T00:00:00Z")}}};
  EXPECT_THROW(storage_->insert_layout(orphan), StorageError);
}

TEST_F(StorageContract, LayoutBelongsToItsVenueAndNamesAreUniquePerVenue) {
  auto v = add_venue();
  auto other = add_venue("Other");
  auto l = add_layout(v);
  EXPECT_FALSE(storage_->layout(other.id, l.id));
  Layout same_name = l;
  same_name.id = security::new_id("lay");
  EXPECT_FALSE(storage_->insert_layout(same_name));
  same_name.venue_id = other.id;
  EXPECT_TRUE(storage_->insert_layout(same_name));
  EXPECT_EQ(storage_->list_layouts(v.id).size(), 1u);
  EXPECT_EQ(storage_->list_layouts(other.id).size(), 1u);
}

TEST_F(StorageContract, AppendVersionSeesTheCurrentLayoutAndNumbersInOrder) {
  auto v = add_venue();
  auto l = add_layout(v);
  auto make = [](const Layout& current) -> Result<LayoutVersion> {
    return LayoutVersion{current.latest().version + 1,
                         current.latest().effective_from,
                         {standing_with_geometry("floor", 100)},
                         current.created_at};
  };
  auto second = storage_->append_layout_version(v.id, l.id, make);
  ASSERT_TRUE(second);
  EXPECT_EQ(second.value().version, 2);
  auto third = storage_->append_layout_version(v.id, l.id, make);
  ASSERT_TRUE(third);
  EXPECT_EQ(third.value().version, 3);
  auto loaded = storage_->layout(v.id, l.id);
  ASSERT_EQ(loaded->versions.size(), 3u);
  EXPECT_EQ(loaded->versions[2].sections[0].capacity, 100);
}

TEST_F(StorageContract, AppendVersionPassesOnTheMakersErrorAndWritesNothing) {
  auto v = add_venue();
  auto l = add_layout(v);
  auto refused = storage_->append_layout_version(v.id, l.id, [](const Layout&) {
    return Result<LayoutVersion>(validation_error({{"effective_from", "too early"}}));
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at("effective_from"), "too early");
  EXPECT_EQ(storage_->layout(v.id, l.id)->versions.size(), 1u);

  auto missing = storage_->append_layout_version(v.id, "lay_missing", [](const Layout&) {
    return Result<LayoutVersion>(validation_error({}));
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

// Several connections append at once; every append must get its own version number, none lost.
TEST_F(StorageContract, ConcurrentAppendsNeverShareAVersionNumber) {
  auto v = add_venue();
  auto l = add_layout(v);
  constexpr int kThreads = 6, kEach = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto connection = backend_->connect();
      for (int i = 0; i < kEach; ++i) {
        auto r = connection->append_layout_version(v.id, l.id, [](const Layout& current) {
          return Result<LayoutVersion>(LayoutVersion{current.latest().version + 1,
                                                     current.latest().effective_from,
                                                     {standing_with_geometry("floor", 10)},
                                                     current.created_at});
        });
        if (!r) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto loaded = storage_->layout(v.id, l.id);
  ASSERT_EQ(loaded->versions.size(), 1u + kThreads * kEach);
  for (std::size_t i = 0; i < loaded->versions.size(); ++i)
    EXPECT_EQ(loaded->versions[i].version, static_cast<int>(i + 1));
}

}  // namespace
}  // namespace boxoffice
