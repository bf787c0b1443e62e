#include "storage/postgres/postgres_backend.hpp"

#include <set>

#include "storage/layout_documents.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice {
namespace {

using pg::Connection;
using pg::Rows;
using pg::Transaction;

// Any constant shared by every server process will do: "boxoff" in ASCII.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(108230901458534)";

StoredAccount read_account(const Rows& r, int row) {
  return {{r.text(row, 0), r.text(row, 1), r.text(row, 2),
           parse_role(r.text(row, 3)).value_or(Role::buyer), from_unix(r.integer(row, 5))},
          r.text(row, 4)};
}

Venue read_venue(const Rows& r, int row) {
  return {r.text(row, 0), r.text(row, 1), r.text(row, 2), r.text(row, 3),
          from_unix(r.integer(row, 4))};
}

// The version in columns `first` to `first + 4`: version, effective_from, sections, created_at
// and stage.
LayoutVersion read_version(const Rows& r, int row, int first) {
  return {static_cast<int>(r.integer(row, first)), from_unix(r.integer(row, first + 1)),
          storage::read_sections(r.text(row, first + 2)), from_unix(r.integer(row, first + 3)),
          storage::read_stage(r.is_null(row, first + 4) ? std::nullopt
                                                        : std::optional(r.text(row, first + 4)))};
}

// Layouts with their versions for read_layouts: one row per version (or one row with NULL version
// columns for a layout without versions), the rows of one layout adjacent and in version order.
// One statement sees one snapshot, so these reads need no transaction.
constexpr const char* kLayoutById =
    "SELECT l.id, l.venue_id, l.name, l.created_at, "
    "v.version, v.effective_from, v.sections, v.created_at, v.stage "
    "FROM layouts l LEFT JOIN layout_versions v ON v.layout_id = l.id "
    "WHERE l.id = $1 AND l.venue_id = $2 ORDER BY v.version";
constexpr const char* kLayoutsOfVenue =
    "SELECT l.id, l.venue_id, l.name, l.created_at, "
    "v.version, v.effective_from, v.sections, v.created_at, v.stage "
    "FROM layouts l LEFT JOIN layout_versions v ON v.layout_id = l.id "
    "WHERE l.venue_id = $1 ORDER BY l.name COLLATE \"C\", l.id COLLATE \"C\", v.version";

std::vector<Layout> read_layouts(const Rows& r) {
  std::vector<Layout> out;
  for (int row = 0; row < r.size(); ++row) {
    if (out.empty() || out.back().id != r.text(row, 0))
      out.push_back(
          {r.text(row, 0), r.text(row, 1), r.text(row, 2), from_unix(r.integer(row, 3)), {}});
    if (r.is_null(row, 4)) continue;
    out.back().versions.push_back(read_version(r, row, 4));
  }
  return out;
}

}  // namespace

namespace pg {

bool PostgresStorage::insert_account(const StoredAccount& a) {
  return db_.try_insert(
      "INSERT INTO accounts (id, email, name, role, password_hash, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {a.account.id, a.account.email, a.account.name, to_string(a.account.role), a.password_hash,
       to_unix(a.account.created_at)});
}

std::optional<StoredAccount> PostgresStorage::account_by_email(std::string_view email) {
  const auto r = db_.exec(
      "SELECT id, email, name, role, password_hash, created_at FROM accounts WHERE email = $1",
      {email});
  if (r.empty()) return std::nullopt;
  return read_account(r, 0);
}

std::optional<Account> PostgresStorage::account_by_id(std::string_view id) {
  const auto r = db_.exec(
      "SELECT id, email, name, role, password_hash, created_at FROM accounts WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return read_account(r, 0).account;
}

std::vector<Account> PostgresStorage::list_accounts() {
  const auto r = db_.exec(
      "SELECT id, email, name, role, password_hash, created_at FROM accounts "
      "ORDER BY created_at, email COLLATE \"C\"");
  std::vector<Account> out;
  for (int row = 0; row < r.size(); ++row) out.push_back(read_account(r, row).account);
  return out;
}

bool PostgresStorage::has_admin() {
  return !db_.exec("SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1").empty();
}

void PostgresStorage::insert_session(const SessionRecord& s) {
  db_.exec(
      "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4)",
      {s.token_hash, s.account_id, to_unix(s.created_at), to_unix(s.expires_at)});
}

std::optional<Account> PostgresStorage::account_for_session(std::string_view token_hash,
                                                            TimePoint now) {
  const auto r = db_.exec(
      "SELECT a.id, a.email, a.name, a.role, a.password_hash, a.created_at "
      "FROM sessions s JOIN accounts a ON a.id = s.account_id "
      "WHERE s.token_hash = $1 AND s.expires_at > $2",
      {token_hash, to_unix(now)});
  if (r.empty()) return std::nullopt;
  return read_account(r, 0).account;
}

void PostgresStorage::delete_session(std::string_view token_hash) {
  db_.exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

int PostgresStorage::delete_expired_sessions(TimePoint now) {
  return db_.exec("DELETE FROM sessions WHERE expires_at <= $1", {to_unix(now)}).affected();
}

void PostgresStorage::insert_venue(const Venue& v) {
  db_.exec(
      "INSERT INTO venues (id, name, address, timezone, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {v.id, v.name, v.address, v.timezone, to_unix(v.created_at)});
}

std::optional<Venue> PostgresStorage::venue(std::string_view id) {
  const auto r =
      db_.exec("SELECT id, name, address, timezone, created_at FROM venues WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return read_venue(r, 0);
}

std::vector<Venue> PostgresStorage::list_venues() {
  const auto r = db_.exec(
      "SELECT id, name, address, timezone, created_at FROM venues "
      "ORDER BY name COLLATE \"C\", id COLLATE \"C\"");
  std::vector<Venue> out;
  for (int row = 0; row < r.size(); ++row) out.push_back(read_venue(r, row));
  return out;
}

bool PostgresStorage::insert_layout(const Layout& l) {
  Transaction tx(db_);
  if (!db_.try_insert(
          "INSERT INTO layouts (id, venue_id, name, created_at) VALUES ($1, $2, $3, $4)",
          {l.id, l.venue_id, l.name, to_unix(l.created_at)}))
    return false;
  for (const auto& v : l.versions) insert_version(l.id, v);
  tx.commit();
  return true;
}

std::optional<Layout> PostgresStorage::layout(std::string_view venue_id,
                                              std::string_view layout_id) {
  return load_layout(venue_id, layout_id);
}

std::vector<Layout> PostgresStorage::list_layouts(std::string_view venue_id) {
  return read_layouts(db_.exec(kLayoutsOfVenue, {venue_id}));
}

Result<LayoutVersion> PostgresStorage::append_layout_version(std::string_view venue_id,
                                                             std::string_view layout_id,
                                                             const VersionMaker& make) {
  // The row lock queues concurrent appends to this layout, from any process. It must be a
  // statement of its own: in READ COMMITTED the next statement takes a new snapshot and so sees
  // the versions the previous holder committed, which a locking join would not.
  Transaction tx(db_);
  db_.exec("SELECT 1 FROM layouts WHERE id = $1 AND venue_id = $2 FOR UPDATE",
           {layout_id, venue_id});
  auto current = load_layout(venue_id, layout_id);
  if (!current)
    return not_found_error("Layout '" + std::string(layout_id) + "' of venue '" +
                           std::string(venue_id) + "'");
  auto next = make(*current);
  if (!next) return next;
  insert_version(current->id, next.value());
  tx.commit();
  return next;
}

void PostgresStorage::insert_version(const std::string& layout_id, const LayoutVersion& v) {
  const auto stage = storage::stage_column(v);
  db_.exec(
      "INSERT INTO layout_versions (layout_id, version, effective_from, sections, created_at, "
      "stage) VALUES ($1, $2, $3, $4, $5, $6)",
      {layout_id, v.version, to_unix(v.effective_from), storage::sections_column(v),
       to_unix(v.created_at), stage ? Param(*stage) : Param(static_cast<const char*>(nullptr))});
}

std::optional<Layout> PostgresStorage::load_layout(std::string_view venue_id,
                                                   std::string_view layout_id) {
  auto layouts = read_layouts(db_.exec(kLayoutById, {layout_id, venue_id}));
  if (layouts.empty()) return std::nullopt;
  return std::move(layouts.front());
}

LayoutVersion PostgresStorage::load_version(std::string_view layout_id, int version) {
  const auto r = db_.exec(
      "SELECT version, effective_from, sections, created_at, stage FROM layout_versions "
      "WHERE layout_id = $1 AND version = $2",
      {layout_id, version});
  if (r.empty())
    throw StorageError("layout " + std::string(layout_id) + " has no version " +
                       std::to_string(version));
  return read_version(r, 0, 0);
}

}  // namespace pg

namespace {

class PostgresBackend final : public Backend {
 public:
  explicit PostgresBackend(std::string uri) : uri_(std::move(uri)) {}

  std::string_view name() const override { return "postgresql"; }

  void migrate() override {
    Connection db(uri_);
    Transaction tx(db);
    // Several server processes starting at once take turns here; the lock ends with the
    // transaction.
    db.exec(kMigrationLock);
    // Otherwise every start prints "relation already exists, skipping".
    db.exec("SET LOCAL client_min_messages = warning");
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    // Each migration not applied yet, not only those above the newest applied: branches that
    // each added one may land in any order.
    for (const auto& m : postgres_migrations()) {
      if (db.exec("SELECT 1 FROM schema_migrations WHERE version = $1", {m.version}).size() > 0)
        continue;
      db.exec_script(std::string(m.sql));
      db.exec(
          "INSERT INTO schema_migrations (version, applied_at) "
          "VALUES ($1, EXTRACT(EPOCH FROM now())::BIGINT)",
          {m.version});
    }
    tx.commit();
  }

  std::unique_ptr<Storage> connect() override {
    return std::make_unique<pg::PostgresStorage>(uri_);
  }

 private:
  std::string uri_;
};

}  // namespace

std::unique_ptr<Backend> make_postgres_backend(const std::string& uri) {
  // Reports a malformed URI now rather than at the first connection.
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (!options) {
    std::string why = error ? error : "out of memory";
    PQfreemem(error);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw StorageError("invalid PostgreSQL URI: " + why);
  }
  PQconninfoFree(options);
  return std::make_unique<PostgresBackend>(uri);
}

}  // namespace boxoffice
