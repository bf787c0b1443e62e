#include "app/payment.hpp"

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

}  // namespace boxoffice
