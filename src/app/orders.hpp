#pragma once
// Use cases of orders: a buyer pays for an active hold and gets one signed ticket per place.
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::orders {

struct Purchase {
  std::string hold_id;
  std::string buyer_name;
  std::string buyer_email;
  std::vector<OrderLine> lines;
  std::string payment_method;
  std::string card_number;
  std::string idempotency_key;  // the same key again answers the order made the first time
};

Result<Order> purchase(Storage& storage, const AppEnv& env, const Account& buyer,
                       const Purchase& purchase, FieldErrors parse_errors = {});

// The order, for its buyer or a manager.
Result<Order> get(Storage& storage, const Account& reader, std::string_view id);

// An order as its readers see it: with the money given back for it, and while it awaits its
// buyer's choice, the settlement that says which resolutions they may pick and until when.
struct Details {
  Order order;
  std::vector<RefundRecord> refunds;
  std::optional<Settlement> choice;
};
Details details_of(Storage& storage, Order order);
// get, with the details.
Result<Details> details(Storage& storage, const Account& reader, std::string_view id);

// The buyer's orders with their details, newest first, at most kMaxListed; of one event unless
// `event_id` is empty.
inline constexpr std::size_t kMaxListed = 200;
std::vector<Details> of_buyer(Storage& storage, const Account& buyer, std::string_view event_id);

// An event's paid sales per stretch of `bucket_seconds`, with their totals, for its managers.
struct Sales {
  std::string currency;
  std::vector<SalesBucket> buckets;
  SalesBucket total;  // its `start` is unused
};
inline constexpr std::int64_t kMinBucketSeconds = 60;
inline constexpr std::int64_t kMaxBucketSeconds = 86400;
Result<Sales> sales(Storage& storage, std::string_view event_id, std::int64_t bucket_seconds);

// The public half of the key that signs an event's ticket codes, for scanners; for those who may
// read the event (a draft's only for managers: it would tell that the event exists).
Result<std::string> ticket_key(Storage& storage, const AppEnv& env,
                               const std::optional<Account>& reader, std::string_view event_id);

}  // namespace boxoffice::orders
