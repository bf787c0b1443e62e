#include "app/payment.hpp"

#include <sodium.h>

namespace boxoffice {

Result<PaymentReceipt> TestCardProvider::charge(const PaymentRequest& r) {
  if (r.method != "test_card")
    return validation_error({{"payment.method", "only test_card is accepted here"}});
  if (r.card_number == kDeclined)
    return Error{ErrorKind::payment,
                 "payment_declined",
                 "The card was declined; your places stay held until the hold ends.",
                 {}};
  if (r.card_number != kApproved)
    return validation_error({{"payment.card_number",
                              "use the test card 4242424242424242 (or 4000000000000002 to see "
                              "a decline)"}});
  return PaymentReceipt{"test_" + r.reference};
}

Result<RefundReceipt> TestCardProvider::refund(const RefundRequest& r) {
  unsigned char digest[12];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(r.idempotency_key.data()),
                     r.idempotency_key.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string reference = "test_re_";
  for (unsigned char b : digest) {
    reference += kHex[b >> 4];
    reference += kHex[b & 15];
  }
  return RefundReceipt{std::move(reference), r.amount};
}

}  // namespace boxoffice
