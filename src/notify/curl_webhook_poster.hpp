#pragma once
// The WebhookPoster (app/outbox.hpp) through libcurl: one signed JSON POST per try.
#include <chrono>

#include "app/outbox.hpp"

namespace boxoffice {

class CurlWebhookPoster final : public WebhookPoster {
 public:
  // Throws std::invalid_argument for a timeout that is not positive (libcurl reads 0 as never).
  explicit CurlWebhookPoster(std::chrono::seconds timeout = std::chrono::seconds(10));
  // Safe to call from several threads at once: every POST has a connection of its own.
  void post(const std::string& url, const std::string& body, const std::string& signature) override;

 private:
  std::chrono::seconds timeout_;
};

}  // namespace boxoffice
