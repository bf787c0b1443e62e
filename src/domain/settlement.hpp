#pragma once
// Settling the paid orders of a cancelled event: what each order gets, decided on the order as the
// write transaction finds it, so that an order is settled once however often it is tried.
#include <optional>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "domain/order.hpp"
#include "domain/time.hpp"

namespace boxoffice {

// refund: money back the way it was paid; credit: to the buyer's credit balance; voucher: one
// voucher per ticket for the rescheduled event; buyer_choice: each buyer picks one of the three
// before a deadline, after which the default (refund) applies.
enum class Resolution { refund, credit, voucher, buyer_choice };
std::optional<Resolution> parse_resolution(std::string_view text);
std::string_view to_string(Resolution resolution);

// A cancelled event's settlement, until every paid order is settled.
struct Settlement {
  std::string event_id;
  Resolution resolution = Resolution::refund;
  std::optional<std::string> rescheduled_event_id;  // vouchers are for this event
  std::optional<TimePoint> choice_deadline;         // buyer_choice only
  TimePoint created_at;
  std::optional<TimePoint> finished_at;
};

inline constexpr auto kDefaultChoiceDays = std::chrono::days(14);
inline constexpr Resolution kChoiceDefault = Resolution::refund;

// The resolutions a buyer may pick from: a voucher only when there is a rescheduled event.
std::vector<Resolution> choices(const Settlement& settlement);

struct VoucherGrant {
  std::string ticket_id;
  Minor value = 0;
};

// How one order is settled. Tickets valid until now become void as cancelled.
struct OrderSettlement {
  OrderStatus status = OrderStatus::refunded;
  std::vector<std::string> voided;  // tickets that become void now
  Minor amount = 0;                 // the value settled: the tickets' prices and fees
  Minor provider_refund = 0;        // back through the payment provider, on the order's charge
  Minor credit = 0;                 // to the buyer's credit balance
  std::vector<VoucherGrant> vouchers;
};

// How `order` is settled with `resolution` (buyer_choice: it awaits its buyer's choice); nullopt
// when it has nothing to settle that way: already settled, or not awaiting a choice when
// `resolution` is a choice made. Valid tickets of a paid or partially refunded order are settled;
// an order awaiting a choice settles the tickets its cancellation voided.
std::optional<OrderSettlement> settle(const Order& order, Resolution resolution);

// 422 naming "resolution" unless `picked` is one of `choices(settlement)`; 409 "choice_closed"
// after the deadline.
Result<void> may_choose(const Settlement& settlement, Resolution picked, TimePoint now);

}  // namespace boxoffice
