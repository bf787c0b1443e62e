#pragma once
// The storage port. One Storage object is one database connection, used by one thread at a time.
// Infrastructure failures throw StorageError; expected outcomes (a taken e-mail, a missing row)
// are return values.
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/outbox.hpp"
#include "domain/account.hpp"
#include "domain/check_in.hpp"
#include "domain/event.hpp"
#include "domain/hold.hpp"
#include "domain/inventory.hpp"
#include "domain/inventory_feed.hpp"
#include "domain/layout.hpp"
#include "domain/order.hpp"
#include "domain/paying.hpp"
#include "domain/pricing.hpp"
#include "domain/queue.hpp"
#include "domain/settlement.hpp"
#include "domain/venue.hpp"

namespace boxoffice {

class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The answer to a request that met a StorageError: the failure itself goes to the log only.
inline Error storage_unavailable_error() {
  return {ErrorKind::unavailable,
          "storage_unavailable",
          "The database is unavailable; try again shortly.",
          {},
          1};
}

struct EventQuery {
  std::optional<TimePoint> from;  // starts_at at or after
  std::optional<TimePoint> to;    // starts_at before
  std::optional<std::string> venue_id;
  std::optional<std::string> layout_id;
};

// A message owed to a queue entry's buyer (their admission), kept until it is delivered.
struct QueueNotice {
  std::int64_t id = 0;
  std::string event_id;
  std::int64_t number = 0;
  std::string channel;  // "email" or "sms"
  std::string address;
  int attempts = 0;  // including this one
};

inline constexpr int kQueueNoticeAttempts = 5;

// What changed in a waiting room: the room as it is, and its entries changed after `after` up to
// `through` (every change up to `through` is in `entries`).
struct QueueChanges {
  QueueRoom room;
  std::int64_t through = 0;
  std::vector<QueueEntry> entries;
};

// A ticket as the door reads it (domain/check_in.hpp), with the public key of its event's codes.
struct StoredDoorTicket {
  DoorTicket door;
  std::string event_public_key;  // empty when the event has no keys (it then has no codes either)
};

// How many of an event's tickets have come in, of those still valid plus those admitted.
struct CheckInCounts {
  std::int64_t checked_in = 0;  // admitted at the door (a ticket voided after it came in included)
  std::int64_t valid = 0;       // sold and not void
};

struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the bearer token; the token itself is never stored
  std::string account_id;
  TimePoint created_at;
  TimePoint expires_at;
};

// A hold to place (Storage::insert_holds) and what its decision needs besides the rows.
struct HoldPlacement {
  Hold hold;
  int limit = 0;  // the event's most places per buyer
  // The event's pinned layout as the caller knows it, if it does; read from the database when
  // missing or not the one the event is pinned to now.
  std::string layout_id;
  std::shared_ptr<const LayoutVersion> version;
  // One basket: the id of the buyer's hold that `hold`'s items are added to (see extend_hold),
  // `hold` carrying that id, its event and buyer; empty for a new hold.
  std::string extends;
  // The batch's time, which an extended hold must still be active at (HoldWriter sets it).
  TimePoint now{};
};

// Money given back on an order: a manager's refund of some of its tickets
// (Storage::refund_tickets), or a cancelled event's settlement (pending until the payment provider
// has answered, then with its reference).
struct RefundRecord {
  std::string id;  // the idempotency key the payment provider is given
  std::string event_id;
  std::string order_id;
  std::vector<std::string> ticket_ids;  // a manager's: as decided by decide_refund
  Minor amount = 0;
  std::string currency;
  std::string method;              // kCardPayment: through the provider
  std::string reference;           // the provider's; empty while pending
  std::string reason = "manager";  // or "event_cancelled"
  TimePoint created_at;
  std::string charge_reference;  // the order's payment_reference, read with a pending refund
};

struct CreditBalance {
  std::string currency;
  Minor amount = 0;
  bool operator==(const CreditBalance&) const = default;
};

// The orders of a cancelled event by what they became, with their tickets' value.
struct SettledOrders {
  OrderStatus status = OrderStatus::paid;
  std::int64_t orders = 0;
  Minor amount = 0;
};

// One ticket given by its buyer to another account (Storage::transfer_ticket).
struct TicketTransfer {
  std::string event_id;
  std::string order_id;
  std::string ticket_id;
  std::string sender_id;
  // The receiver's new order: its account, buyer name and e-mail, ids, status paid, total 0,
  // payment_method "transfer", and one ticket with its new id and code (the rest is filled in).
  Order received;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // Accounts. insert_account returns false when the e-mail is taken.
  virtual bool insert_account(const StoredAccount& account) = 0;
  virtual std::optional<StoredAccount> account_by_email(std::string_view email) = 0;
  virtual std::optional<Account> account_by_id(std::string_view id) = 0;
  virtual std::vector<Account> list_accounts() = 0;
  virtual bool has_admin() = 0;

  // Sessions. account_for_session ignores expired sessions.
  virtual void insert_session(const SessionRecord& session) = 0;
  virtual std::optional<Account> account_for_session(std::string_view token_hash,
                                                     TimePoint now) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  virtual int delete_expired_sessions(TimePoint now) = 0;

  // Venues.
  virtual void insert_venue(const Venue& venue) = 0;
  virtual std::optional<Venue> venue(std::string_view id) = 0;
  virtual std::vector<Venue> list_venues() = 0;

  // Layouts. insert_layout stores the layout with its versions (normally just version 1) and
  // returns false when the venue already has a layout of that name.
  virtual bool insert_layout(const Layout& layout) = 0;
  virtual std::optional<Layout> layout(std::string_view venue_id, std::string_view layout_id) = 0;
  virtual std::vector<Layout> list_layouts(std::string_view venue_id) = 0;

  // Appends the version `make` builds from the current layout, atomically: no other version can be
  // added between the read and the write. Not found if the layout is not in that venue.
  using VersionMaker = std::function<Result<LayoutVersion>(const Layout& current)>;
  virtual Result<LayoutVersion> append_layout_version(std::string_view venue_id,
                                                      std::string_view layout_id,
                                                      const VersionMaker& make) = 0;

  // Events. insert_event also lays out the event's places (every seat available, standing areas
  // empty) from `pinned` and records `audit`, all in one transaction.
  virtual void insert_event(const Event& event, const LayoutVersion& pinned,
                            const AuditEntry& audit) = 0;
  virtual std::optional<Event> event(std::string_view id) = 0;
  // Sorted by starts_at, then id.
  virtual std::vector<Event> list_events(const EventQuery& query) = 0;
  // Writes `updated` (with revision expected_revision + 1) and `audit` if the stored revision is
  // still `expected_revision`: else a 409 "edit_conflict". With `repin`, the places are moved to
  // that layout version first, unless held or sold places would be lost ("places_lost", 409, the
  // reasons in fields). Caps below what is held or sold are refused the same way.
  // With `settlement` (a cancellation), the settlement is stored in the same transaction.
  virtual Result<Event> update_event(const Event& updated, int expected_revision,
                                     const LayoutVersion* repin, const AuditEntry& audit,
                                     const Settlement* settlement = nullptr) = 0;
  virtual std::vector<AuditEntry> audit_trail(std::string_view event_id) = 0;

  // Ticket types. update and delete return false when there is no such type for the event.
  virtual void insert_ticket_type(const TicketType& type) = 0;
  virtual std::vector<TicketType> ticket_types(std::string_view event_id) = 0;
  virtual bool update_ticket_type(const TicketType& type) = 0;
  virtual bool delete_ticket_type(std::string_view event_id, std::string_view type_id) = 0;

  // Inventory. Counts come in the order of the pinned layout's sections.
  virtual std::vector<SectionCounts> section_counts(std::string_view event_id) = 0;
  virtual std::vector<Seat> seats(std::string_view event_id, std::string_view section) = 0;
  virtual std::vector<std::string> taken_seats(std::string_view event_id) = 0;  // held or sold
  // All or nothing: blocks every named seat if all are available (else 409 "places_unavailable"
  // naming the others in fields), or a standing quantity if that many are available.
  virtual Result<Block> insert_block(const Block& block) = 0;
  virtual bool delete_block(std::string_view event_id, std::string_view block_id) = 0;
  virtual std::vector<Block> blocks(std::string_view event_id) = 0;

  // The change feed (domain/inventory_feed.hpp), written by the database itself. A snapshot is
  // read at one moment, with the seq of the last change it contains; nullopt for no such event.
  virtual std::optional<InventorySnapshot> inventory_snapshot(std::string_view event_id) = 0;
  // Up to `max` of the event's changes after `after`, in feed order.
  virtual std::vector<InventoryChange> inventory_changes(std::string_view event_id,
                                                         std::int64_t after, std::size_t max) = 0;
  // Forgets the changes recorded before `before`; returns how many.
  virtual std::int64_t prune_inventory_changes(TimePoint before) = 0;

  // Holds, placed in batches (storage/write/hold_batch.hpp): one transaction for many holds,
  // each decided by decide_hold on the rows as the transaction finds them, all or nothing per
  // hold, one answer per placement in order. A hold is refused with a 404 when its event does not
  // exist, with sales_not_stopped's 409 when a manager stopped sales, "limit_exceeded" when the
  // account would hold or have bought more than `limit` places of the event, "seats_unavailable"
  // naming the taken seats or the full standing area in fields. A granted hold ends with the
  // account's earlier active holds of the event (end_with_earlier_holds). Nothing of a refused
  // hold is written; the others of the batch are. A placement that `extends` a hold adds its
  // places to that hold (extend_hold, on the hold's row as locked): refused 404 when there is no
  // such hold, else as extend_hold decides at the placement's `now`; answered with the whole hold.
  virtual std::vector<Result<Hold>> insert_holds(const std::vector<HoldPlacement>& batch) = 0;
  // A batch of one.
  Result<Hold> insert_hold(const Hold& hold, int limit) {
    return std::move(insert_holds({HoldPlacement{hold, limit, {}, nullptr, {}, {}}}).front());
  }
  virtual std::optional<Hold> hold(std::string_view id) = 0;
  virtual std::vector<Hold> active_holds(std::string_view event_id,
                                         std::string_view account_id) = 0;
  // Ends an active hold as released or expired and frees its places; false if it was not active.
  virtual bool end_hold(std::string_view id, HoldStatus why) = 0;
  // Lets `release` go of the hold `id` in one transaction, as after_release decides from the hold
  // as it is under the transaction's lock at `now`: each released seat that this hold still holds
  // becomes available, its standing areas hold fewer places, and when nothing is left the hold
  // ends as released. Nothing is written unless all of it is valid. The hold as it is afterwards;
  // 404, 409 "hold_not_active" or a 422 naming the bad fields.
  virtual Result<Hold> release_part(std::string_view id, const HoldRelease& release,
                                    TimePoint now) = 0;
  // Expires up to `max` active holds whose time is up at `now`; returns them as they were.
  virtual std::vector<Hold> expire_holds(TimePoint now, std::size_t max) = 0;

  // Orders. insert_order turns the hold `order.hold_id` (active, of `order.account_id`, not
  // expired at `now`) into `order` in one transaction: its places become sold and the hold
  // "purchased". 409 "hold_expired" when the hold is no longer active; "quota_exceeded" (fields
  // name the ticket type) when a ticket type would sell past its quota. When the account already
  // has an order with the same idempotency key, that order is returned and nothing is written.
  virtual Result<Order> insert_order(const Order& order, TimePoint now) = 0;
  virtual std::optional<Order> order(std::string_view id) = 0;
  virtual std::optional<Order> order_by_key(std::string_view account_id,
                                            std::string_view idempotency_key) = 0;
  // The account's orders, newest first, at most `max`; of one event unless `event_id` is empty.
  virtual std::vector<Order> account_orders(std::string_view account_id, std::string_view event_id,
                                            std::size_t max) = 0;
  // The event's paid orders summed per stretch of `bucket_seconds` from the Unix epoch, in time
  // order; stretches without a sale are left out.
  virtual std::vector<SalesBucket> sales_buckets(std::string_view event_id,
                                                 std::int64_t bucket_seconds) = 0;
  // The event's Ed25519 key pair for ticket codes (public, secret), made by `generate` on first
  // use; when two nodes race, the first stored pair wins and both get it.
  using KeyPair = std::pair<std::string, std::string>;
  virtual KeyPair event_keys(std::string_view event_id,
                             const std::function<KeyPair()>& generate) = 0;

  // After the sale (domain/settlement.hpp). The event's settlement, if it was cancelled.
  virtual std::optional<Settlement> settlement(std::string_view event_id) = 0;
  // Settlements not finished yet, oldest first, at most `max`.
  virtual std::vector<Settlement> open_settlements(std::size_t max) = 0;
  // Up to `max` ids of the event's orders with `status`.
  virtual std::vector<std::string> orders_with_status(std::string_view event_id, OrderStatus status,
                                                      std::size_t max) = 0;
  // Settles the order as settle() decides on it as locked, with `settlement`'s rescheduled event
  // for vouchers (`resolution` is the settlement's, or the buyer's choice), in one transaction:
  // its tickets void, its status, a pending refund through the provider, a credit entry,
  // vouchers (codes from `new_code`), the buyer's e-mail (its links to `site`, the public URL).
  // False, with nothing written, when it had nothing to settle.
  virtual bool settle_order(std::string_view order_id, const Settlement& settlement,
                            Resolution resolution, TimePoint now,
                            const std::function<std::string()>& new_code,
                            std::string_view site) = 0;
  // Ends up to `max` active holds of the event as released and frees their places; how many.
  virtual std::size_t release_event_holds(std::string_view event_id, std::size_t max) = 0;
  // Refunds through the provider not answered yet, oldest first (with their charge reference).
  virtual std::vector<RefundRecord> pending_refunds(std::size_t max) = 0;
  // The order's refunds, oldest first: pending ones have no reference yet.
  virtual std::vector<RefundRecord> order_refunds(std::string_view order_id) = 0;
  virtual void finish_refund(std::string_view refund_id, std::string_view reference) = 0;
  // Finishes the settlement at `now` if no order of the event is paid, partially refunded or
  // awaiting a choice and none of their refunds is pending; whether it is finished.
  virtual bool finish_settlement(std::string_view event_id, TimePoint now) = 0;
  virtual std::vector<SettledOrders> settled_orders(std::string_view event_id) = 0;
  // The account's credit: balances per currency and the newest `max` entries.
  virtual std::vector<CreditBalance> credit_balances(std::string_view account_id) = 0;
  virtual std::vector<CreditEntry> credit_entries(std::string_view account_id, std::size_t max) = 0;
  virtual std::vector<Voucher> vouchers(std::string_view account_id) = 0;

  // Refunds and transfers of single orders (storage/write/refund_write.hpp, transfer_write.hpp).
  //
  // Stores a manager's refund whose money has been given back: in one transaction the order is
  // locked and decide_refund decides again on its tickets as found; the tickets become void
  // (refunded), their seats available and their standing places free again, the refund is
  // recorded under its id and the order takes its new status. A refund whose id is stored already
  // writes nothing and answers the order as it is; a ticket found void (a concurrent refund won)
  // or used at the door writes nothing and answers decide_refund's 409. The order afterwards.
  // Before the money moves: claims the refund's tickets (claim_refund in refund_write.hpp), so a
  // refund naming a ticket another one has claimed is refused (409 "refund_in_progress") before
  // it moves any money; the same refund again passes. Nothing to claim when it is stored already.
  virtual Result<void> claim_refund(const RefundRecord& refund) = 0;
  // The payment provider refused: the claims of the refund are let go.
  virtual void release_refund(const RefundRecord& refund) = 0;
  virtual Result<Order> refund_tickets(const RefundRecord& refund) = 0;
  // Whether a refund with this id (its idempotency key) is stored.
  virtual bool refund_recorded(std::string_view refund_id) = 0;
  // Gives one ticket of an order to another account, in one transaction: the event and the
  // order locked, may_transfer decided again on them; the old ticket void (transferred, naming
  // its successor), `received` stored (its one ticket completed from the old one: place, type,
  // price) with a purchased hold of its place, and the seat naming the new order. The seat stays
  // sold. Of two transfers of one ticket, one wins; the other gets 409 "ticket_void".
  virtual Result<Order> transfer_ticket(const TicketTransfer& transfer) = 0;

  // Waiting rooms (domain/queue.hpp). Every write to a room or its entries bumps the room's seq
  // and stamps each entry it changed with the new seq, in one transaction; the room's row lock
  // orders these writes, so a reader that saw seq N has seen every change up to N.
  //
  // The event's room, made by `make` on first use; when two nodes race, the first stored wins.
  virtual QueueRoom queue_room(std::string_view event_id,
                               const std::function<QueueRoom()>& make) = 0;
  // Adds `entry` to the end of its room's line with the next number and `order_key(number)`.
  // An account has one live (waiting or admitted) entry per event: when it has one, that entry
  // is returned instead and nothing is written (second: false).
  virtual std::pair<QueueEntry, bool> join_queue(
      const QueueEntry& entry,
      const std::function<std::int64_t(std::int64_t number)>& order_key) = 0;
  virtual std::optional<QueueEntry> queue_entry(std::string_view event_id, std::int64_t number) = 0;
  // Binds an entry to `account_id` on its first use, and opens an admitted entry's whole `window`
  // if it is used before its time to start passes (start_shopping). 409 "queue_token_taken" when
  // another account holds it, "queue_entry_exists" when the account already has another live entry.
  virtual Result<QueueEntry> claim_queue_entry(std::string_view event_id, std::int64_t number,
                                               std::string_view account_id,
                                               std::chrono::seconds window, TimePoint now) = 0;
  // A waiting or admitted entry leaves the line; false if it was neither.
  virtual bool leave_queue(std::string_view event_id, std::int64_t number) = 0;
  // The account's admitted entry for the event, if any, has bought what it came for; false when
  // it had none.
  virtual bool complete_queue_entry(std::string_view event_id, std::string_view account_id) = 0;
  // Switches the room on for good (it stays on when it already is).
  virtual void activate_queue(std::string_view event_id, TimePoint now) = 0;
  // One admission round, in one transaction: admitted entries whose window ended by `now` expire,
  // then the next `how_many(room)` waiting entries in line (by order key, then number) are
  // admitted until `now + window`, with a notice owed to each that asked for one. Returns the
  // entries admitted and the number expired; writes nothing when neither happens.
  struct QueueRound {
    std::vector<QueueEntry> admitted;
    std::int64_t expired = 0;
  };
  virtual QueueRound admit_from_queue(
      std::string_view event_id, TimePoint now, CheckoutWindow window,
      const std::function<std::int64_t(const QueueRoom&)>& how_many) = 0;
  // The events whose rooms have anyone waiting or admitted.
  virtual std::vector<std::string> busy_queue_rooms() = 0;
  // The room and its entries changed after `after`, up to at most `max_seqs` seqs further;
  // nullopt when the event has no room.
  virtual std::optional<QueueChanges> queue_changes(std::string_view event_id, std::int64_t after,
                                                    std::int64_t max_seqs) = 0;
  // The room's entries by number after `after_number`: the public log of the line.
  virtual std::vector<QueueEntry> queue_log(std::string_view event_id, std::int64_t after_number,
                                            std::size_t limit) = 0;
  // Notices not yet delivered nor tried kQueueNoticeAttempts times, that no other node has
  // claimed until `now`, claimed for `lease` (their attempts counted).
  virtual std::vector<QueueNotice> claim_queue_notices(TimePoint now, std::chrono::seconds lease,
                                                       std::size_t max) = 0;
  // Delivered at `at`, or failed: then it may be claimed again from `at` on.
  virtual void finish_queue_notice(std::int64_t id, bool delivered, TimePoint at,
                                   std::string_view error) = 0;

  // Check-in at the door. The ticket `ticket_id` with its event's status and public key, read
  // fresh (never from memory): nullopt when there is no such ticket.
  virtual std::optional<StoredDoorTicket> door_ticket(std::string_view ticket_id) = 0;
  // Admits the ticket at `at` with one guarded write: only if it is not void, not admitted yet and
  // its event not cancelled. When doors race for one ticket, exactly one call returns true; the
  // others return false and read door_ticket to say why (its first checked_in_at).
  virtual bool check_in_ticket(std::string_view ticket_id, TimePoint at) = 0;
  virtual CheckInCounts check_in_counts(std::string_view event_id) = 0;

  // The outbox (app/outbox.hpp). Writes `messages` with their deliveries (an e-mail's one; an
  // event's one per webhook registered for its type), due at once, in a transaction of its own.
  // A change's messages go through SaleRows::enqueue in the change's own transaction instead.
  virtual void enqueue_outbox(const std::vector<OutboxMessage>& messages) = 0;
  // Up to `max` deliveries due at `now` (neither delivered nor abandoned, their due time passed:
  // so not claimed by another node), of e-mails if `emails` and of webhooks if `webhooks`, the
  // longest due first; claimed until `now + lease` with their attempts counted. Nodes claiming at
  // once get different deliveries.
  virtual std::vector<OutboxDelivery> claim_outbox(TimePoint now, std::chrono::seconds lease,
                                                   std::size_t max, bool emails, bool webhooks) = 0;
  // The outcome of try `attempt` of delivery `id`: delivered or abandoned at `at`, or due again
  // at `at` (with `error` kept). Ignored when the delivery was claimed again since (its lease ran
  // out) or is gone (its webhook deleted).
  virtual void finish_outbox(std::int64_t id, int attempt, OutboxOutcome outcome, TimePoint at,
                             std::string_view error) = 0;
  // How many deliveries are waiting (not delivered nor abandoned) and how many were abandoned.
  struct OutboxCounts {
    std::int64_t waiting = 0;
    std::int64_t abandoned = 0;
  };
  virtual OutboxCounts outbox_counts() = 0;
  // Forgets the deliveries delivered before `before`, then the messages made before it that have
  // no delivery left (all delivered, or an event no webhook asked for); waiting and abandoned
  // deliveries stay. Returns how many rows it deleted.
  virtual std::int64_t prune_outbox(TimePoint before) = 0;

  // Webhooks. list_webhooks: the owner's (every one for an empty owner), oldest first.
  virtual void insert_webhook(const Webhook& webhook) = 0;
  virtual std::vector<Webhook> list_webhooks(std::string_view owner) = 0;
  virtual std::optional<Webhook> webhook(std::string_view id) = 0;
  // Deletes the webhook and its deliveries; false if there was none.
  virtual bool delete_webhook(std::string_view id) = 0;
  // The webhook's deliveries, newest first, at most `max`.
  virtual std::vector<DeliveryRecord> webhook_deliveries(std::string_view webhook_id,
                                                         std::size_t max) = 0;
  // Makes an abandoned delivery of the webhook due again at `now`, with a fresh count of tries;
  // false when it has no such abandoned delivery.
  virtual bool retry_delivery(std::string_view webhook_id, std::int64_t delivery_id,
                              TimePoint now) = 0;
};

// A database: applies the schema and hands out connections.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string_view name() const = 0;  // "sqlite" or "postgresql"
  // Brings the schema to the newest version; safe to run from several processes at once.
  virtual void migrate() = 0;
  virtual std::unique_ptr<Storage> connect() = 0;
};

}  // namespace boxoffice
