#pragma once
// Orders: a buyer's active hold turned into paid tickets, one per place.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/event.hpp"
#include "domain/hold.hpp"
#include "domain/money.hpp"
#include "domain/pricing.hpp"
#include "domain/time.hpp"

namespace boxoffice {

// paid until settled otherwise: by its event's cancellation (refunded, credited, voucher_issued,
// or awaiting_choice until the buyer picks one), or by a manager's refund of some or all of its
// tickets (partially_refunded, refunded).
enum class OrderStatus {
  paid,
  refunded,
  partially_refunded,
  credited,
  voucher_issued,
  awaiting_choice,
  cancelled
};
std::string_view to_string(OrderStatus status);
std::optional<OrderStatus> parse_order_status(std::string_view text);

// Why a ticket is no longer valid: refunded by a manager or as its order's settlement, cancelled
// with its event, or transferred to another account (who holds a new ticket with a new code).
enum class TicketVoid { refunded, cancelled, transferred };
std::string_view to_string(TicketVoid why);
std::optional<TicketVoid> parse_ticket_void(std::string_view text);

// How the part of an order that vouchers did not pay was paid: through the payment provider, or
// from the buyer's credit balance.
inline constexpr const char* kCardPayment = "test_card";
inline constexpr const char* kCreditPayment = "credit";

struct Ticket {
  std::string id;
  std::string section;
  std::string seat_id;  // empty for a standing place
  std::string ticket_type_id;
  Minor price = 0;
  Minor fees = 0;
  std::string code;          // signed, so a scanner can check it offline
  std::string voucher_code;  // the voucher that paid voucher_amount of price + fees, if one did
  Minor voucher_amount = 0;
  std::optional<TicketVoid> void_reason;   // none while the ticket is valid
  std::optional<TimePoint> checked_in_at;  // its first admission at the door
};

struct Order {
  std::string id;
  std::string event_id;
  std::string account_id;
  std::string hold_id;
  OrderStatus status = OrderStatus::paid;
  std::string currency;
  Minor total = 0;
  std::string buyer_name;
  std::string buyer_email;
  std::string payment_reference;
  std::string idempotency_key;
  TimePoint created_at;
  std::vector<Ticket> tickets;
  // Vouchers paid part of the total; the rest, `charged`, was paid with `payment_method`:
  // kCardPayment (the payment provider), kCreditPayment (the buyer's balance) or "transfer"
  // (nothing: the tickets were given by another buyer, whose order paid for them).
  std::string payment_method = kCardPayment;
  Minor charged = 0;
};

// Which ticket type a place of the hold is bought with: a seat by its id, a standing area by its
// section key (one line covers all of that area's places in the hold).
struct OrderLine {
  std::string place;
  std::string ticket_type_id;
  std::string voucher;  // a voucher code that pays the line's first ticket (paying.hpp); or empty
};

// One priced ticket per place of `hold`, the first of each line with the line's voucher code;
// names every bad line ("items[i]") and every place without a line. Ids and codes are left to the
// caller.
Result<std::vector<Ticket>> price_tickets(const Hold& hold, const std::vector<OrderLine>& lines,
                                          const std::vector<TicketType>& types);

// 409 "hold_changed" unless `tickets` are exactly one per place `hold` has now: its buyer may have
// released part of it since the tickets were priced.
Result<void> tickets_match_hold(const std::vector<Ticket>& tickets, const Hold& hold);

// 409 "hold_expired": the hold is no longer active.
Error hold_expired_error();

// Whether `order` may be bought with `hold` at `now`, decided on the event and the hold as the
// write transaction found them (nullptr: not there): sales not stopped by a manager (409
// sales_not_stopped's codes, also for a hold made before), the hold active, of the order's buyer
// and event ("hold_expired"), and the tickets one per place it has now (tickets_match_hold).
// Quotas are checked apart, by within_quotas, once what is sold has been read.
Result<void> may_buy(const Order& order, const Event* event, const Hold* hold, TimePoint now);

// 409 "quota_exceeded" when `tickets` would take a ticket type past its quota, given what is
// already sold of each type.
Result<void> within_quotas(const std::vector<Ticket>& tickets, const std::vector<TicketType>& types,
                           const std::map<std::string, std::int64_t>& sold_by_type);

// Prices plus fees of every ticket: the one place an order's total is computed.
Minor order_total(const std::vector<Ticket>& tickets);

// Paid sales of an event within one stretch of time, for the managers' chart.
struct SalesBucket {
  TimePoint start;
  std::int64_t orders = 0;
  std::int64_t tickets = 0;
  Minor revenue = 0;  // prices plus fees
};

}  // namespace boxoffice
