#pragma once
// A thin RAII layer over libpq: parameterised statements in text format, failures as StorageError,
// and transactions that roll back unless committed. One Connection is used by one thread at a time.
#include <libpq-fe.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace boxoffice::pg {

// One statement parameter. libpq reads text-format parameters as NUL-terminated strings, so a
// string_view or a number is copied into a string of its own; a std::string is only pointed to.
class Param {
 public:
  Param(const std::string& text) : borrowed_(text.c_str()) {}
  Param(const char* text) : borrowed_(text) {}
  Param(std::string_view text) : owned_(text), owns_(true) {}
  Param(long long number) : owned_(std::to_string(number)), owns_(true) {}

  const char* c_str() const { return owns_ ? owned_.c_str() : borrowed_; }

 private:
  const char* borrowed_ = nullptr;
  std::string owned_;
  bool owns_ = false;
};

// A text[] parameter in PostgreSQL's array syntax, e.g. {"a/A/1","a/A/2"}: for `$1::text[]`, so
// that one statement can take thousands of values (`= ANY($1)`, `unnest($1::text[], ...)`).
std::string text_array(const std::vector<std::string>& values);

// The rows of a successful statement.
class Rows {
 public:
  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string text(int row, int column) const;
  // Throws StorageError if the column does not hold a whole number.
  std::int64_t integer(int row, int column) const;
  // How many rows an INSERT, UPDATE or DELETE touched.
  int affected() const;
  // The command tag, e.g. "INSERT 0 1" or "COMMIT".
  std::string_view command() const { return PQcmdStatus(result_.get()); }

 private:
  friend class Connection;
  explicit Rows(PGresult* result) : result_(result) {}

  struct Clear {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  std::unique_ptr<PGresult, Clear> result_;
};

class Connection {
 public:
  // `uri` is any libpq connection string. Throws StorageError if it cannot connect.
  explicit Connection(const std::string& uri);

  // Runs one statement; throws StorageError on failure.
  Rows exec(const char* sql, std::initializer_list<Param> params = {});
  Rows exec(const std::string& sql, std::initializer_list<Param> params = {}) {
    return exec(sql.c_str(), params);
  }
  // Like exec, but returns false instead of throwing when a unique constraint rejects the row.
  bool try_insert(const char* sql, std::initializer_list<Param> params);
  // Runs a script of several statements without parameters (the simple query protocol).
  void exec_script(const std::string& sql);

 private:
  friend class Transaction;

  // The result of one statement, whether it succeeded or not.
  Rows submit(const char* sql, std::initializer_list<Param> params);
  void reconnect_if_dropped();
  [[noreturn]] void fail(const Rows& rows) const;

  struct Finish {
    void operator()(PGconn* conn) const { PQfinish(conn); }
  };
  std::unique_ptr<PGconn, Finish> conn_;
  // Statements with parameters are prepared once per connection, by their text, and then only
  // bound and run: PostgreSQL parses and plans each once instead of on every call (the batch's
  // statements take longer to plan than to run). The code's statements are a fixed set; the cap
  // only guards against one built with values in its text.
  static constexpr std::size_t kMaxPrepared = 512;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  // A reconnect inside a transaction would silently run the rest of it outside one.
  bool in_transaction_ = false;
};

// BEGIN on construction; ROLLBACK on destruction unless committed, so that a failed statement
// leaves the connection usable. A `write` transaction is READ COMMITTED: each statement sees what
// was committed before it, and checks that must hold until COMMIT take row locks. A `snapshot`
// transaction is REPEATABLE READ and READ ONLY: several reads that see one moment.
class Transaction {
 public:
  enum Mode { write, snapshot };
  explicit Transaction(Connection& connection, Mode mode = write);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace boxoffice::pg
