#pragma once
// The Notifier that delivers through libcurl: e-mail over SMTP, text messages through a webhook.
#include <chrono>
#include <optional>
#include <string>

#include "app/notifier.hpp"
#include "notify/smtp_mailer.hpp"
#include "notify/webhook_texter.hpp"

namespace boxoffice {

class CurlNotifier final : public Notifier {
 public:
  // A channel left out is not configured: delivering on it throws DeliveryError.
  CurlNotifier(std::optional<SmtpSettings> smtp, std::optional<std::string> sms_webhook_url,
               std::chrono::seconds sms_timeout = std::chrono::seconds(10));

  // Safe to call from several threads at once: every delivery has a connection of its own.
  void deliver(const Notification& n) override;

 private:
  std::optional<SmtpMailer> mailer_;
  std::optional<WebhookTexter> texter_;
};

}  // namespace boxoffice
