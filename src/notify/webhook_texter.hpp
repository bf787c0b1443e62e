#pragma once
// Sends text messages through a provider's webhook: one JSON POST a message.
#include <chrono>
#include <string>

namespace boxoffice {

class WebhookTexter {
 public:
  // Throws std::invalid_argument for a timeout that is not positive (libcurl reads 0 as never).
  WebhookTexter(std::string url, std::chrono::seconds timeout);

  // POSTs {"to": phone, "message": text} as application/json. Returns when the webhook answered
  // with a 2xx status; throws DeliveryError naming the status, or curl's message, otherwise.
  void send(const std::string& phone, const std::string& text) const;

 private:
  std::string url_;
  std::chrono::seconds timeout_;
};

}  // namespace boxoffice
