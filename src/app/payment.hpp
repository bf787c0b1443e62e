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

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  // 402 "payment_declined" (kind payment) when the provider says no; 422 for unusable details.
  virtual Result<PaymentReceipt> charge(const PaymentRequest& request) = 0;
  // Gives back a charge whose order could not be stored.
  virtual void refund(const PaymentReceipt& receipt) = 0;
};

// Approves 4242424242424242 and declines 4000000000000002, like the common test gateways.
class TestCardProvider final : public PaymentProvider {
 public:
  static constexpr const char* kApproved = "4242424242424242";
  static constexpr const char* kDeclined = "4000000000000002";
  Result<PaymentReceipt> charge(const PaymentRequest& request) override;
  void refund(const PaymentReceipt&) override {}
};

}  // namespace boxoffice
