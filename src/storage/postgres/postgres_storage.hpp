#pragma once
// The PostgreSQL implementation of Storage: one object per connection. Its methods are split by
// subject: accounts, venues and layouts in postgres_backend.cpp, events in postgres_events.cpp,
// holds in postgres_holds.cpp, orders in postgres_orders.cpp.
//
// Lock order, so that no two writers can wait on each other in a cycle: first the event's row
// (FOR UPDATE by a manager's change; FOR KEY SHARE by holds and orders, which therefore never wait
// on each other there), then a hold's row (FOR UPDATE by an order and by releasing part of the
// hold, which takes no event row; ending a hold updates it), then the buyer's advisory lock or the
// event's quota advisory lock, then event_seats rows in seat_id order (COLLATE "C"), then
// event_areas rows in section order. A refund or a transfer of an order takes the order's row FOR
// UPDATE after the event's row and before any seat or area (postgres_refunds.cpp).
// Lists are sorted with COLLATE "C" so that they come out in byte order, as SQLite sorts them,
// whatever locale the database was created with.
#include "app/storage.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/write/hold_batch.hpp"
#include "storage/write/hold_end.hpp"
#include "storage/write/order_write.hpp"
#include "storage/write/queue_write.hpp"
#include "storage/write/refund_write.hpp"
#include "storage/write/transfer_write.hpp"

namespace boxoffice::pg {

class PostgresStorage final : public Storage, private SaleRows, private QueueRows {
 public:
  explicit PostgresStorage(const std::string& uri) : db_(uri) {}
  bool insert_account(const StoredAccount& a) override;
  std::optional<StoredAccount> account_by_email(std::string_view email) override;
  std::optional<Account> account_by_id(std::string_view id) override;
  std::vector<Account> list_accounts() override;
  bool has_admin() override;
  void insert_session(const SessionRecord& s) override;
  std::optional<Account> account_for_session(std::string_view token_hash, TimePoint now) override;
  void delete_session(std::string_view token_hash) override;
  int delete_expired_sessions(TimePoint now) override;
  void insert_venue(const Venue& v) override;
  std::optional<Venue> venue(std::string_view id) override;
  std::vector<Venue> list_venues() override;
  bool insert_layout(const Layout& l) override;
  std::optional<Layout> layout(std::string_view venue_id, std::string_view layout_id) override;
  std::vector<Layout> list_layouts(std::string_view venue_id) override;
  Result<LayoutVersion> append_layout_version(std::string_view venue_id, std::string_view layout_id,
                                              const VersionMaker& make) override;
  void insert_event(const Event& event, const LayoutVersion& pinned,
                    const AuditEntry& audit) override;
  std::optional<Event> event(std::string_view id) override;
  std::vector<Event> list_events(const EventQuery& query) override;
  Result<Event> update_event(const Event& updated, int expected_revision,
                             const LayoutVersion* repin, const AuditEntry& audit,
                             const Settlement* settlement) override;
  std::vector<AuditEntry> audit_trail(std::string_view event_id) override;
  void insert_ticket_type(const TicketType& type) override;
  std::vector<TicketType> ticket_types(std::string_view event_id) override;
  bool update_ticket_type(const TicketType& type) override;
  bool delete_ticket_type(std::string_view event_id, std::string_view type_id) override;
  std::vector<SectionCounts> section_counts(std::string_view event_id) override;
  std::vector<Seat> seats(std::string_view event_id, std::string_view section) override;
  std::vector<std::string> taken_seats(std::string_view event_id) override;
  Result<Block> insert_block(const Block& block) override;
  bool delete_block(std::string_view event_id, std::string_view block_id) override;
  std::vector<Block> blocks(std::string_view event_id) override;
  std::optional<InventorySnapshot> inventory_snapshot(std::string_view event_id) override;
  std::vector<InventoryChange> inventory_changes(std::string_view event_id, std::int64_t after,
                                                 std::size_t max) override;
  std::int64_t prune_inventory_changes(TimePoint before) override;
  std::vector<Result<Hold>> insert_holds(const std::vector<HoldPlacement>& batch) override;
  std::optional<Hold> hold(std::string_view id) override;
  std::vector<Hold> active_holds(std::string_view event_id, std::string_view account_id) override;
  bool end_hold(std::string_view id, HoldStatus why) override;
  Result<Hold> release_part(std::string_view id, const HoldRelease& release,
                            TimePoint now) override;
  std::vector<Hold> expire_holds(TimePoint now, std::size_t max) override;
  Result<Order> insert_order(const Order& order, TimePoint now) override;
  std::optional<Order> order(std::string_view id) override;
  std::optional<Order> order_by_key(std::string_view account_id,
                                    std::string_view idempotency_key) override;
  std::vector<Order> account_orders(std::string_view account_id, std::string_view event_id,
                                    std::size_t max) override;
  std::vector<SalesBucket> sales_buckets(std::string_view event_id,
                                         std::int64_t bucket_seconds) override;
  KeyPair event_keys(std::string_view event_id, const std::function<KeyPair()>& generate) override;
  // Refunds and transfers (sqlite_refunds.cpp / postgres_refunds.cpp).
  Result<void> claim_refund(const RefundRecord& refund) override;
  void release_refund(const RefundRecord& refund) override;
  Result<Order> refund_tickets(const RefundRecord& refund) override;
  bool refund_recorded(std::string_view refund_id) override;
  Result<Order> transfer_ticket(const TicketTransfer& transfer) override;

  std::optional<Settlement> settlement(std::string_view event_id) override;
  std::vector<Settlement> open_settlements(std::size_t max) override;
  std::vector<std::string> orders_with_status(std::string_view event_id, OrderStatus status,
                                              std::size_t max) override;
  bool settle_order(std::string_view order_id, const Settlement& settlement, Resolution resolution,
                    TimePoint now, const std::function<std::string()>& new_code,
                    std::string_view site) override;
  std::size_t release_event_holds(std::string_view event_id, std::size_t max) override;
  std::vector<RefundRecord> pending_refunds(std::size_t max) override;
  std::vector<RefundRecord> order_refunds(std::string_view order_id) override;
  void finish_refund(std::string_view refund_id, std::string_view reference) override;
  bool finish_settlement(std::string_view event_id, TimePoint now) override;
  std::vector<SettledOrders> settled_orders(std::string_view event_id) override;
  std::vector<CreditBalance> credit_balances(std::string_view account_id) override;
  std::vector<CreditEntry> credit_entries(std::string_view account_id, std::size_t max) override;
  std::vector<Voucher> vouchers(std::string_view account_id) override;
  QueueRoom queue_room(std::string_view event_id, const std::function<QueueRoom()>& make) override;
  std::pair<QueueEntry, bool> join_queue(
      const QueueEntry& entry, const std::function<std::int64_t(std::int64_t)>& order_key) override;
  std::optional<QueueEntry> queue_entry(std::string_view event_id, std::int64_t number) override;
  Result<QueueEntry> claim_queue_entry(std::string_view event_id, std::int64_t number,
                                       std::string_view account_id, std::chrono::seconds window,
                                       TimePoint now) override;
  bool leave_queue(std::string_view event_id, std::int64_t number) override;
  bool complete_queue_entry(std::string_view event_id, std::string_view account_id) override;
  void activate_queue(std::string_view event_id, TimePoint now) override;
  QueueRound admit_from_queue(
      std::string_view event_id, TimePoint now, CheckoutWindow window,
      const std::function<std::int64_t(const QueueRoom&)>& how_many) override;
  std::vector<std::string> busy_queue_rooms() override;
  std::optional<QueueChanges> queue_changes(std::string_view event_id, std::int64_t after,
                                            std::int64_t max_seqs) override;
  std::vector<QueueEntry> queue_log(std::string_view event_id, std::int64_t after_number,
                                    std::size_t limit) override;
  std::vector<QueueNotice> claim_queue_notices(TimePoint now, std::chrono::seconds lease,
                                               std::size_t max) override;
  void finish_queue_notice(std::int64_t id, bool delivered, TimePoint at,
                           std::string_view error) override;
  std::optional<StoredDoorTicket> door_ticket(std::string_view ticket_id) override;
  bool check_in_ticket(std::string_view ticket_id, TimePoint at) override;
  CheckInCounts check_in_counts(std::string_view event_id) override;
  void enqueue_outbox(const std::vector<OutboxMessage>& messages) override;
  std::vector<OutboxDelivery> claim_outbox(TimePoint now, std::chrono::seconds lease,
                                           std::size_t max, bool emails, bool webhooks) override;
  void finish_outbox(std::int64_t id, int attempt, OutboxOutcome outcome, TimePoint at,
                     std::string_view error) override;
  OutboxCounts outbox_counts() override;
  std::int64_t prune_outbox(TimePoint before) override;
  void insert_webhook(const Webhook& webhook) override;
  std::vector<Webhook> list_webhooks(std::string_view owner) override;
  std::optional<Webhook> webhook(std::string_view id) override;
  bool delete_webhook(std::string_view id) override;
  std::vector<DeliveryRecord> webhook_deliveries(std::string_view webhook_id,
                                                 std::size_t max) override;
  bool retry_delivery(std::string_view webhook_id, std::int64_t delivery_id,
                      TimePoint now) override;

 private:
  std::vector<Hold> guard_event_holds(std::string_view event_id, std::size_t max) override;
  void void_tickets(const std::vector<std::string>& ticket_ids, TicketVoid why) override;
  void set_order_status(std::string_view order_id, OrderStatus status) override;
  void insert_refund(const RefundRecord& refund) override;
  void insert_credit(const CreditEntry& entry) override;
  void insert_voucher(const Voucher& voucher) override;
  void insert_settlement(const Settlement& settlement) override;
  std::optional<Event> guard_event(std::string_view event_id) override;
  LayoutVersion layout_version(std::string_view layout_id, int version) override;
  std::map<std::string, BuyerPlaces> guard_buyers(
      std::string_view event_id, const std::vector<std::string>& accounts) override;
  std::map<std::string, SeatState> guard_seats(std::string_view event_id,
                                               const std::vector<std::string>& seats) override;
  std::map<std::string, StoredCounts::Area> guard_areas(
      std::string_view event_id, const std::vector<std::string>& sections) override;
  void write_holds(std::string_view event_id, const std::vector<Hold>& holds) override;
  void add_to_holds(std::string_view event_id, const std::vector<Hold>& additions) override;
  std::optional<Order> earlier_order(std::string_view account_id,
                                     std::string_view idempotency_key) override;
  std::optional<Hold> guard_hold(std::string_view hold_id) override;
  std::vector<TicketType> event_ticket_types(std::string_view event_id) override;
  std::map<std::string, std::int64_t> guard_sold(std::string_view event_id,
                                                 const std::vector<std::string>& types) override;
  bool write_order(const Order& order, const Hold& hold) override;
  std::vector<Voucher> guard_vouchers(const std::vector<std::string>& codes) override;
  void redeem_voucher(std::string_view code, std::string_view ticket_id) override;
  Minor guard_credit(std::string_view account_id, std::string_view currency) override;
  std::optional<Order> guard_order(std::string_view order_id) override;
  bool refund_stored(std::string_view refund_id) override;
  bool claim_tickets(std::string_view order_id, const std::vector<std::string>& ids,
                     std::string_view refund_id) override;
  bool refund_claimed(std::string_view order_id) override;
  void release_tickets(std::string_view order_id, std::string_view refund_id) override;
  bool void_refunded(const RefundRecord& refund, const RefundDecision& decided) override;
  bool write_transfer(const Order& from, const Ticket& old, const Order& received,
                      const Hold& hold) override;
  void enqueue(const std::vector<OutboxMessage>& messages) override;
  std::vector<Hold> guard_due_holds(TimePoint now, std::size_t max) override;
  std::size_t end_holds(const std::vector<std::string>& ids, HoldStatus why) override;
  std::size_t free_seats(std::string_view event_id, std::string_view hold_id,
                         const std::vector<std::string>& seats) override;
  void free_areas(std::string_view event_id,
                  const std::map<std::string, std::int64_t>& places) override;
  void rewrite_items(const Hold& hold) override;
  void in_write(const std::function<bool()>& body) override;
  void in_snapshot(const std::function<void()>& body) override;
  std::optional<QueueRoom> load_room(std::string_view event_id) override;
  std::optional<QueueEntry> load_entry(std::string_view event_id, std::int64_t number) override;
  std::optional<QueueEntry> load_live_entry(std::string_view event_id,
                                            std::string_view account_id) override;
  std::vector<QueueEntry> changed_entries(std::string_view event_id, std::int64_t after,
                                          std::int64_t through) override;
  std::optional<QueueRoom> guard_room(std::string_view event_id) override;
  void insert_room(const QueueRoom& room) override;
  void store_room(const QueueRoom& room) override;
  void insert_entry(const QueueEntry& entry) override;
  void store_entry(const QueueEntry& entry) override;
  std::int64_t expire_admitted(std::string_view event_id, TimePoint now, std::int64_t seq) override;
  std::vector<QueueEntry> next_in_line(std::string_view event_id, std::int64_t max) override;
  void store_admitted(std::string_view event_id, const std::vector<QueueEntry>& entries,
                      TimePoint now) override;
  void insert_version(const std::string& layout_id, const LayoutVersion& v);
  std::optional<Layout> load_layout(std::string_view venue_id, std::string_view layout_id);
  LayoutVersion load_version(std::string_view layout_id, int version);
  // Locks the event's row until the transaction ends, so that checks on its places and the writes
  // that depend on them cannot interleave with another process's; the event as it is now.
  std::optional<Event> lock_event(std::string_view id);
  StoredCounts stored_counts(std::string_view event_id);
  std::vector<SectionCounts> counts_of(const Event& event);
  void write_audit(const AuditEntry& audit);
  void lay_out_places(std::string_view event_id, const LayoutVersion& version);
  // Takes the event's row FOR KEY SHARE (as the foreign key of a new hold would anyway): holds of
  // one event run side by side, but never beside a manager's change (FOR UPDATE) to its caps,
  // layout or blocks; the event as it is now.
  std::optional<Event> share_event(std::string_view id);
  // Writes the items of the new hold `hold` (or its items anew), keeping their order.
  void insert_hold_items(const Hold& hold);
  // The order matching `where` (a condition on the orders table as `o`) with its tickets, read by
  // one statement.
  std::optional<Order> load_order(const char* where, std::initializer_list<Param> params);
  // Writes the order's row and its tickets' rows; false, with nothing written, when the account
  // has an order with its idempotency key.
  bool insert_order_rows(const Order& o);
  // The orders matching `where`, which ends with an ORDER BY that keeps an order's rows together
  // (", t.position" is appended), each with its tickets in ticket order; one statement.
  std::vector<Order> load_orders(const std::string& where, std::initializer_list<Param> params);
  Connection db_;
};

}  // namespace boxoffice::pg
