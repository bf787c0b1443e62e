#pragma once
// Delivery of messages to buyers (admission to the checkout window, waiting-list offers).
#include <stdexcept>
#include <string>
namespace boxoffice {
struct Notification {
  enum class Channel { email, sms };
  Channel channel = Channel::email;
  std::string to;       // an e-mail address or a phone number in E.164 form
  std::string subject;  // e-mail only
  std::string body;     // plain text
};
class DeliveryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class Notifier {
 public:
  virtual ~Notifier() = default;
  // Delivers or throws DeliveryError (the caller retries later). May block: never call it on an
  // HTTP thread.
  virtual void deliver(const Notification& n) = 0;
};
}  // namespace boxoffice
