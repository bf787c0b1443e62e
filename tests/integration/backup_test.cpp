// A backup taken while buyers keep buying holds every order acknowledged before it began, and the
// database it restores is whole: SQLite's through `boxoffice backup`, PostgreSQL's through
// pg_dump and pg_restore as the README describes.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "integration/selling_load.hpp"
#include "support/command.hpp"

namespace boxoffice::testing {
namespace {

class BackupTest : public SellingFixture {
 protected:
  // The orders acknowledged before `moment`: those a backup begun then must hold.
  static std::vector<Sold> sold_before(const std::vector<Sold>& sold,
                                       std::chrono::steady_clock::time_point moment) {
    std::vector<Sold> before;
    for (const auto& s : sold)
      if (s.acknowledged < moment) before.push_back(s);
    return before;
  }
};

std::string integrity_check(const std::string& path) {
  sqlite3* db = nullptr;
  std::string answer = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      answer = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return answer;
}

TEST_F(BackupTest, ASqliteBackupTakenWhileSellingHasEveryEarlierOrder) {
  if (g_backend != "sqlite") GTEST_SKIP() << "boxoffice backup copies SQLite databases";
  const Sale sale = big_sale("Backed Up");
  const std::string manager = manager_token();
  Load load(server().port(), sale, buyers(6));
  load.wait_for(30);
  ScratchDatabase target("sqlite");  // a fresh folder, removed at the end
  const std::string copy = target.url().substr(7);
  const auto started = std::chrono::steady_clock::now();
  const auto backup = run_command({g_server, "backup", copy, "--database", shared_->db.url()});
  const auto finished = std::chrono::steady_clock::now();
  load.wait_for(load.sold().size() + 10);  // the sale went on: the server was not stopped by it
  load.stop();
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("integrity ok"), std::string::npos) << backup.output;
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
  const auto sold = load.sold();
  EXPECT_GT(sold.size(), sold_before(sold, finished).size()) << "no sale after the backup";

  EXPECT_EQ(integrity_check(copy), "ok");
  ServerProcess restored(g_server, "sqlite:" + copy);
  // Holds under way when the copy was taken are still held in it: their number is not known.
  expect_sales_kept(HttpClient(restored.port()), sale, sold_before(sold, started), manager,
                    std::nullopt);
}

TEST_F(BackupTest, ABackupOfAMissingDatabaseFailsAndWritesNothing) {
  ScratchDatabase target("sqlite");
  const std::string copy = target.url().substr(7);
  const std::string missing = copy + ".missing";
  const auto backup = run_command({g_server, "backup", copy, "--database", "sqlite:" + missing});
  EXPECT_EQ(backup.exit_code, 1) << backup.output;
  EXPECT_NE(backup.output.find("backup failed"), std::string::npos) << backup.output;
  EXPECT_FALSE(std::filesystem::exists(copy));
  EXPECT_FALSE(std::filesystem::exists(missing)) << "the backup created its source";
}

TEST_F(BackupTest, ABackupOfPostgresqlNamesPgDump) {
  const auto backup = run_command(
      {g_server, "backup", "/nonexistent/copy", "--database", "postgresql://u@127.0.0.1:1/db"});
  EXPECT_EQ(backup.exit_code, 2) << backup.output;
  EXPECT_NE(backup.output.find("pg_dump --format=custom"), std::string::npos) << backup.output;
}

// Where scripts/pg-cluster.sh finds PostgreSQL's programs: PG_BIN, else Debian's folder.
std::string pg_bin() {
  const char* set = std::getenv("PG_BIN");
  return set && *set ? set : "/usr/lib/postgresql/15/bin";
}

TEST_F(BackupTest, APgDumpTakenWhileSellingRestoresEveryEarlierOrder) {
  if (g_backend != "postgres") GTEST_SKIP() << "pg_dump backs up PostgreSQL databases";
  const std::string bin = pg_bin();
  if (access((bin + "/pg_dump").c_str(), X_OK) != 0 ||
      access((bin + "/pg_restore").c_str(), X_OK) != 0)
    GTEST_SKIP() << "no pg_dump and pg_restore in " << bin << " (set PG_BIN)";
  const Sale sale = big_sale("Dumped");
  const std::string manager = manager_token();
  Load load(server().port(), sale, buyers(6));
  load.wait_for(30);
  const std::string dump = (std::filesystem::temp_directory_path() /
                            ("boxoffice-backup-test-" + std::to_string(getpid()) + ".dump"))
                               .string();
  const auto started = std::chrono::steady_clock::now();
  // The README's procedure: one consistent snapshot, in pg_dump's own compressed format.
  const auto dumped =
      run_command({bin + "/pg_dump", "--format=custom", "--file=" + dump, shared_->db.url()});
  const auto finished = std::chrono::steady_clock::now();
  load.wait_for(load.sold().size() + 10);
  load.stop();
  ASSERT_EQ(dumped.exit_code, 0) << dumped.output;
  const auto sold = load.sold();
  EXPECT_GT(sold.size(), sold_before(sold, finished).size()) << "no sale after the dump";

  ScratchDatabase restored_db("postgres");  // a new, empty database
  const auto restored =
      run_command({bin + "/pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                   "--dbname=" + restored_db.url(), dump});
  std::filesystem::remove(dump);
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  ServerProcess server_on_copy(g_server, restored_db.url());
  expect_sales_kept(HttpClient(server_on_copy.port()), sale, sold_before(sold, started), manager,
                    std::nullopt);
}

}  // namespace
}  // namespace boxoffice::testing
