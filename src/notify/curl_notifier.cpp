#include "notify/curl_notifier.hpp"

namespace boxoffice {

CurlNotifier::CurlNotifier(std::optional<SmtpSettings> smtp,
                           std::optional<std::string> sms_webhook_url,
                           std::chrono::seconds sms_timeout) {
  if (smtp) mailer_.emplace(std::move(*smtp));
  if (sms_webhook_url) texter_.emplace(std::move(*sms_webhook_url), sms_timeout);
}

void CurlNotifier::deliver(const Notification& n) {
  switch (n.channel) {
    case Notification::Channel::email:
      if (!mailer_) throw DeliveryError("no SMTP server configured");
      mailer_->send(n.to, n.subject, n.body);
      return;
    case Notification::Channel::sms:
      if (!texter_) throw DeliveryError("no text-message webhook configured");
      texter_->send(n.to, n.body);
      return;
  }
  throw DeliveryError("unknown delivery channel");
}

}  // namespace boxoffice
