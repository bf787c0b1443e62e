#pragma once
// Sends plain-text mail through an SMTP server (a relay or the provider's submission port).
#include <chrono>
#include <string>

namespace boxoffice {

struct SmtpSettings {
  std::string url;                   // smtp://host:port or smtps://host:port
  std::string from;                  // the sender's address, for the envelope and the From header
  std::string username, password;    // empty: no authentication
  std::chrono::seconds timeout{10};  // for the whole conversation with the server
};

class SmtpMailer {
 public:
  // Throws std::invalid_argument for a sender that is not one plain address, or a timeout that is
  // not positive (libcurl reads 0 as never).
  explicit SmtpMailer(SmtpSettings settings);

  // Returns once the server has accepted the message; throws DeliveryError with curl's message
  // when it has not. Throws DeliveryError without sending anything when `to` is not one plain
  // address, when `to` or `subject` holds a line break (which would let the caller add headers or
  // recipients), or when the body has a NUL or a line over 998 octets (which 8bit forbids).
  void send(const std::string& to, const std::string& subject, const std::string& body) const;

 private:
  SmtpSettings settings_;
};

}  // namespace boxoffice
