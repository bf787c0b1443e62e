#include "storage/sqlite/sqlite_storage.hpp"

#include "storage/layout_documents.hpp"

namespace boxoffice::sqlite {
namespace {

constexpr std::string_view kAccountColumns = "id, email, name, role, password_hash, created_at";

StoredAccount read_account(const Statement& s) {
  return {{s.text(0), s.text(1), s.text(2), parse_role(s.text(3)).value_or(Role::buyer),
           from_unix(s.integer(5))},
          s.text(4)};
}

Venue read_venue(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), from_unix(s.integer(4))};
}

LayoutVersion read_version(const Statement& s) {
  return {static_cast<int>(s.integer(0)), from_unix(s.integer(1)),
          storage::read_sections(s.text(2)), from_unix(s.integer(3)),
          storage::read_stage(s.is_null(4) ? std::nullopt : std::optional(s.text(4)))};
}

}  // namespace

SqliteStorage::SqliteStorage(const std::string& path, bool full_sync,
                             std::shared_ptr<GroupCommit> writer)
    : own_(path, full_sync), writer_(std::move(writer)) {}

bool SqliteStorage::insert_account(const StoredAccount& a) {
  WriteTransaction tx(db_, *writer_);
  const bool inserted = db_->prepare("INSERT INTO accounts (" + std::string(kAccountColumns) +
                                     ") VALUES (?, ?, ?, ?, ?, ?)")
                            .bind(1, a.account.id)
                            .bind(2, a.account.email)
                            .bind(3, a.account.name)
                            .bind(4, to_string(a.account.role))
                            .bind(5, a.password_hash)
                            .bind(6, to_unix(a.account.created_at))
                            .try_run();
  if (inserted) tx.commit();
  return inserted;
}

std::optional<StoredAccount> SqliteStorage::account_by_email(std::string_view email) {
  auto s =
      db_->prepare("SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE email = ?");
  s.bind(1, email);
  if (!s.step()) return std::nullopt;
  return read_account(s);
}

std::optional<Account> SqliteStorage::account_by_id(std::string_view id) {
  auto s = db_->prepare("SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_account(s).account;
}

std::vector<Account> SqliteStorage::list_accounts() {
  auto s = db_->prepare("SELECT " + std::string(kAccountColumns) +
                        " FROM accounts ORDER BY created_at, email");
  std::vector<Account> out;
  while (s.step()) out.push_back(read_account(s).account);
  return out;
}

bool SqliteStorage::has_admin() {
  auto s = db_->prepare("SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1");
  return s.step();
}

void SqliteStorage::insert_session(const SessionRecord& r) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare(
         "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) "
         "VALUES (?, ?, ?, ?)")
      .bind(1, r.token_hash)
      .bind(2, r.account_id)
      .bind(3, to_unix(r.created_at))
      .bind(4, to_unix(r.expires_at))
      .run();
  tx.commit();
}

std::optional<Account> SqliteStorage::account_for_session(std::string_view token_hash,
                                                          TimePoint now) {
  auto s = db_->prepare(
      "SELECT a.id, a.email, a.name, a.role, a.password_hash, a.created_at "
      "FROM sessions s JOIN accounts a ON a.id = s.account_id "
      "WHERE s.token_hash = ? AND s.expires_at > ?");
  s.bind(1, token_hash).bind(2, to_unix(now));
  if (!s.step()) return std::nullopt;
  return read_account(s).account;
}

void SqliteStorage::delete_session(std::string_view token_hash) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
  tx.commit();
}

int SqliteStorage::delete_expired_sessions(TimePoint now) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(1, to_unix(now)).run();
  const int n = db_->changes();
  tx.commit();
  return n;
}

void SqliteStorage::insert_venue(const Venue& v) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare(
         "INSERT INTO venues (id, name, address, timezone, created_at) "
         "VALUES (?, ?, ?, ?, ?)")
      .bind(1, v.id)
      .bind(2, v.name)
      .bind(3, v.address)
      .bind(4, v.timezone)
      .bind(5, to_unix(v.created_at))
      .run();
  tx.commit();
}

std::optional<Venue> SqliteStorage::venue(std::string_view id) {
  auto s = db_->prepare("SELECT id, name, address, timezone, created_at FROM venues WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_venue(s);
}

std::vector<Venue> SqliteStorage::list_venues() {
  auto s =
      db_->prepare("SELECT id, name, address, timezone, created_at FROM venues ORDER BY name, id");
  std::vector<Venue> out;
  while (s.step()) out.push_back(read_venue(s));
  return out;
}

bool SqliteStorage::insert_layout(const Layout& l) {
  WriteTransaction tx(db_, *writer_);
  if (!db_->prepare("INSERT INTO layouts (id, venue_id, name, created_at) VALUES (?, ?, ?, ?)")
           .bind(1, l.id)
           .bind(2, l.venue_id)
           .bind(3, l.name)
           .bind(4, to_unix(l.created_at))
           .try_run())
    return false;
  for (const auto& v : l.versions) insert_version(l.id, v);
  tx.commit();
  return true;
}

std::optional<Layout> SqliteStorage::layout(std::string_view venue_id, std::string_view layout_id) {
  Transaction tx(*db_, Transaction::read);
  return load_layout(venue_id, layout_id);
}

std::vector<Layout> SqliteStorage::list_layouts(std::string_view venue_id) {
  Transaction tx(*db_, Transaction::read);
  std::vector<std::string> ids;
  {
    auto s = db_->prepare("SELECT id FROM layouts WHERE venue_id = ? ORDER BY name, id");
    s.bind(1, venue_id);
    while (s.step()) ids.push_back(s.text(0));
  }
  std::vector<Layout> out;
  for (const auto& id : ids)
    if (auto l = load_layout(venue_id, id)) out.push_back(std::move(*l));
  return out;
}

Result<LayoutVersion> SqliteStorage::append_layout_version(std::string_view venue_id,
                                                           std::string_view layout_id,
                                                           const VersionMaker& make) {
  WriteTransaction tx(db_, *writer_);
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

void SqliteStorage::insert_version(const std::string& layout_id, const LayoutVersion& v) {
  auto insert = db_->prepare(
      "INSERT INTO layout_versions (layout_id, version, effective_from, sections, "
      "created_at, stage) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, layout_id)
      .bind(2, std::int64_t{v.version})
      .bind(3, to_unix(v.effective_from))
      .bind(4, storage::sections_column(v))
      .bind(5, to_unix(v.created_at));
  if (const auto stage = storage::stage_column(v))
    insert.bind(6, *stage);
  else
    insert.bind_null(6);
  insert.run();
}

std::optional<Layout> SqliteStorage::load_layout(std::string_view venue_id,
                                                 std::string_view layout_id) {
  Layout l;
  {
    auto s = db_->prepare(
        "SELECT id, venue_id, name, created_at FROM layouts WHERE id = ? AND venue_id = ?");
    s.bind(1, layout_id).bind(2, venue_id);
    if (!s.step()) return std::nullopt;
    l = {s.text(0), s.text(1), s.text(2), from_unix(s.integer(3)), {}};
  }
  auto s = db_->prepare(
      "SELECT version, effective_from, sections, created_at, stage "
      "FROM layout_versions WHERE layout_id = ? ORDER BY version");
  s.bind(1, layout_id);
  while (s.step()) l.versions.push_back(read_version(s));
  return l;
}

LayoutVersion SqliteStorage::load_version(std::string_view layout_id, int version) {
  auto s = db_->prepare(
      "SELECT version, effective_from, sections, created_at, stage FROM layout_versions "
      "WHERE layout_id = ? AND version = ?");
  s.bind(1, layout_id).bind(2, std::int64_t{version});
  if (!s.step())
    throw StorageError("layout " + std::string(layout_id) + " has no version " +
                       std::to_string(version));
  return read_version(s);
}

}  // namespace boxoffice::sqlite
