#include "support/scratch_database.hpp"

#include <libpq-fe.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "storage/sqlite/connection.hpp"

namespace boxoffice {
namespace {

// Runs one statement that returns no rows, on a connection of its own.
void execute_at(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot connect to " + url + ": " + PQerrorMessage(conn.get()));
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
    throw std::runtime_error(sql + ": " + PQerrorMessage(conn.get()));
}

// `url` with its database replaced; any query parameters are kept.
std::string with_database(const std::string& url, const std::string& database) {
  const auto authority = url.find("://");
  if (authority == std::string::npos)
    throw std::runtime_error(
        "BOXOFFICE_TEST_PG_URL must be a URL such as "
        "postgresql://postgres@127.0.0.1:5432/postgres, not '" +
        url + "'");
  const auto path = url.find_first_of("/?", authority + 3);
  const auto query = url.find('?', authority + 3);
  return url.substr(0, path) + "/" + database +
         (query == std::string::npos ? "" : url.substr(query));
}

std::string random_suffix() {
  std::random_device device;
  const auto value = (std::uint64_t{device()} << 32) | device();
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace

std::string test_pg_admin_url() {
  const char* url = std::getenv("BOXOFFICE_TEST_PG_URL");
  if (!url || !*url)
    throw std::runtime_error(
        "BOXOFFICE_TEST_PG_URL is not set: start a server with "
        "`export BOXOFFICE_TEST_PG_URL=$(scripts/pg-cluster.sh start /tmp/pgtest)`");
  return url;
}

ScratchDatabase::ScratchDatabase(std::string_view backend) {
  if (backend == "sqlite") {
    auto pattern = (std::filesystem::temp_directory_path() / "boxoffice-test-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a directory like " + pattern);
    directory_ = pattern;
    url_ = "sqlite:" + directory_ + "/test.db";
  } else if (backend == "postgres") {
    admin_url_ = test_pg_admin_url();
    const std::string name = "bo_test_" + random_suffix();
    url_ = with_database(admin_url_, name);
    execute_at(admin_url_, "CREATE DATABASE " + name);
    database_ = name;
  } else {
    throw std::runtime_error("unknown backend '" + std::string(backend) +
                             "': use sqlite or postgres");
  }
}

void ScratchDatabase::execute(const std::string& sql) const {
  if (!directory_.empty()) {
    sqlite::Connection(directory_ + "/test.db", false).exec(sql.c_str());
  } else {
    execute_at(url_, sql);
  }
}

ScratchDatabase::~ScratchDatabase() {
  if (!directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  if (!database_.empty()) {
    try {
      execute_at(admin_url_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      std::cerr << "warning: could not drop test database: " << e.what() << '\n';
    }
  }
}

}  // namespace boxoffice
