#pragma once
// A thin RAII layer over the sqlite3 C API: one Connection per thread, prepared statements cached
// per connection, and transactions that roll back unless committed.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace boxoffice::sqlite {

class Connection;

class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(connection), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // True while there is a row to read; false once done. Throws StorageError on failure.
  bool step();
  // For writes that may hit a UNIQUE constraint: false when they do (other failures throw).
  bool try_run();
  void run();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  Connection& connection_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  Connection(const std::string& path, bool full_sync);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql);
  // One statement without parameters or rows, prepared once (transaction control on hot paths).
  void run(std::string_view sql) { prepare(sql).run(); }
  Statement prepare(std::string_view sql);
  [[noreturn]] void fail(std::string_view what) const;
  int changes() const { return sqlite3_changes(db_); }
  // Gives back the page cache's unused pages (the cache is per connection, up to cache_size).
  void release_cache() { sqlite3_db_release_memory(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads first and then
// writes can fail with SQLITE_BUSY despite the busy timeout.
class Transaction {
 public:
  enum Mode { read, write };
  Transaction(Connection& connection, Mode mode);
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace boxoffice::sqlite
