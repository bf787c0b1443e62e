#pragma once
// The payment port, and the built-in test provider that approves and declines the test cards.
#include <string>

#include "domain/error.hpp"
#include "domain/money.hpp"

namespace boxoffice {

struct PaymentRequest {
  std::string method;  // "test_card"
  std::string card_number;
  Minor amount = 0;
  std::string currency;
  std::string reference;  // the order id, for the provider's records
};

struct PaymentReceipt {
  std::string reference;
};

// Money back on an earlier charge. The provider refunds once per idempotency key: asked again with
// the same key (a retry, a settlement resumed after a crash) it answers the first refund, as the
// common gateways do, so the caller may repeat a refund whose outcome it did not record.
struct RefundRequest {
  std::string charge_reference;  // PaymentReceipt::reference of the charge
  Minor amount = 0;
  std::string currency;
  std::string idempotency_key;
};

struct RefundReceipt {
  std::string reference;  // the provider's, kept with the order
  Minor amount = 0;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  // 402 "payment_declined" (kind payment) when the provider says no; 422 for unusable details.
  virtual Result<PaymentReceipt> charge(const PaymentRequest& request) = 0;
  // 503 "payment_unavailable" (kind unavailable) when the provider cannot be reached: try later.
  virtual Result<RefundReceipt> refund(const RefundRequest& request) = 0;
};

// Approves 4242424242424242 and declines 4000000000000002, like the common test gateways.
class TestCardProvider final : public PaymentProvider {
 public:
  static constexpr const char* kApproved = "4242424242424242";
  static constexpr const char* kDeclined = "4000000000000002";
  Result<PaymentReceipt> charge(const PaymentRequest& request) override;
  // Refund references are derived from the idempotency key, so that the same key gives the same
  // refund across restarts, like a gateway that remembers it.
  Result<RefundReceipt> refund(const RefundRequest& request) override;
};

}  // namespace boxoffice
