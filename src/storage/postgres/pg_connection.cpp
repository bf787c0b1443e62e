#include "storage/postgres/pg_connection.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "app/storage.hpp"

namespace boxoffice::pg {
namespace {

constexpr const char* kUniqueViolation = "23505";

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

bool succeeded(const PGresult* result) {
  const auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string Rows::text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t Rows::integer(int row, int column) const {
  const char* begin = PQgetvalue(result_.get(), row, column);
  const char* end = begin + PQgetlength(result_.get(), row, column);
  std::int64_t value = 0;
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || stop != end)
    throw StorageError("PostgreSQL: expected a whole number, got '" + std::string(begin, end) +
                       "'");
  return value;
}

int Rows::affected() const {
  return std::atoi(PQcmdTuples(result_.get()));
}

Connection::Connection(const std::string& uri) {
  // Our strings are UTF-8 whatever the server's default; set as a connection parameter (listed
  // after the URI, so it wins) rather than with SET, so that PQreset keeps it.
  // Prepared statements (submit) are planned for their values each time: a generic plan does not
  // know how many rows "event_id = $1" or an array will bring, and for the batch's buyer sums it
  // measured ten times slower than the plan for the values at hand. Parsing is still done once.
  const char* keywords[] = {"fallback_application_name", "dbname", "client_encoding", "options",
                            nullptr};
  const char* values[] = {"boxoffice", uri.c_str(), "UTF8", "-c plan_cache_mode=force_custom_plan",
                          nullptr};
  conn_.reset(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!conn_) throw StorageError("PostgreSQL: out of memory while connecting");
  if (PQstatus(conn_.get()) != CONNECTION_OK)
    throw StorageError("cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_.get())));
}

Rows Connection::exec(const char* sql, std::initializer_list<Param> params) {
  Rows rows = submit(sql, params);
  if (!succeeded(rows.result_.get())) fail(rows);
  return rows;
}

bool Connection::try_insert(const char* sql, std::initializer_list<Param> params) {
  Rows rows = submit(sql, params);
  if (succeeded(rows.result_.get())) return true;
  const char* state = PQresultErrorField(rows.result_.get(), PG_DIAG_SQLSTATE);
  if (state && std::strcmp(state, kUniqueViolation) == 0) return false;
  fail(rows);
}

void Connection::exec_script(const std::string& sql) {
  if (!in_transaction_) reconnect_if_dropped();
  Rows rows(PQexec(conn_.get(), sql.c_str()));
  if (!succeeded(rows.result_.get())) fail(rows);
}

Rows Connection::submit(const char* sql, std::initializer_list<Param> params) {
  if (!in_transaction_) reconnect_if_dropped();
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  const int n = static_cast<int>(values.size());
  if (n == 0 || prepared_.size() >= kMaxPrepared)
    return Rows(PQexecParams(conn_.get(), sql, n, nullptr, values.data(), nullptr, nullptr,
                             /*resultFormat=*/0));
  auto known = prepared_.find(sql);
  if (known == prepared_.end()) {
    std::string name = "s";
    name += std::to_string(prepared_.size());
    Rows made(PQprepare(conn_.get(), name.c_str(), sql, 0, nullptr));
    if (!succeeded(made.result_.get())) return made;  // e.g. inside a failed transaction
    known = prepared_.emplace(sql, name).first;
  }
  return Rows(PQexecPrepared(conn_.get(), known->second.c_str(), n, values.data(), nullptr, nullptr,
                             /*resultFormat=*/0));
}

void Connection::reconnect_if_dropped() {
  if (PQstatus(conn_.get()) == CONNECTION_OK) return;
  prepared_.clear();  // a new session has none of them
  PQreset(conn_.get());
  if (PQstatus(conn_.get()) != CONNECTION_OK)
    throw StorageError("lost the connection to PostgreSQL and could not reconnect: " +
                       trimmed(PQerrorMessage(conn_.get())));
}

void Connection::fail(const Rows& rows) const {
  // A null result (out of memory, connection lost) carries no message; the connection does.
  const PGresult* result = rows.result_.get();
  throw StorageError("PostgreSQL: " +
                     trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_.get())));
}

Transaction::Transaction(Connection& connection, Mode mode) : connection_(connection) {
  connection_.exec(mode == snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN");
  connection_.in_transaction_ = true;
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (const StorageError&) {
    // The transaction is gone either way; the original error is the one worth reporting.
  }
  connection_.in_transaction_ = false;
}

void Transaction::commit() {
  open_ = false;
  // Only after COMMIT: a reconnect before it would commit nothing and report success.
  struct Leave {
    Connection& connection;
    ~Leave() { connection.in_transaction_ = false; }
  } leave{connection_};
  // COMMIT of a transaction that already failed reports success and rolls back.
  if (connection_.exec("COMMIT").command() != "COMMIT")
    throw StorageError("PostgreSQL: the transaction was rolled back");
}

}  // namespace boxoffice::pg
