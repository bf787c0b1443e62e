#pragma once
// A fresh, empty database for one test, removed again when the test ends.
#include <string>
#include <string_view>

namespace boxoffice {

// The server the PostgreSQL tests create their databases on, from BOXOFFICE_TEST_PG_URL
// (e.g. the URL scripts/pg-cluster.sh prints). Throws std::runtime_error if it is not set.
std::string test_pg_admin_url();

class ScratchDatabase {
 public:
  // "sqlite": a new file in a new temporary directory. "postgres": a new database on the server
  // named by test_pg_admin_url(). Throws std::runtime_error for anything else.
  explicit ScratchDatabase(std::string_view backend);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // What open_backend() takes: "sqlite:/tmp/..." or "postgresql://.../bo_test_...".
  const std::string& url() const { return url_; }

  // Runs SQL that returns no rows on a connection of its own, behind the storage port's back: for
  // tests that need a row in a state no API makes yet.
  void execute(const std::string& sql) const;

 private:
  std::string url_;
  std::string directory_;  // sqlite only
  std::string admin_url_;  // postgres only
  std::string database_;   // postgres only
};

}  // namespace boxoffice
