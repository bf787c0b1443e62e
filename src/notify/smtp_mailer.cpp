#include "notify/smtp_mailer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>

#include "app/notifier.hpp"
#include "notify/curl_transfer.hpp"

namespace boxoffice {
namespace {

// RFC 5322 2.1.1: the hard limit on a line, and the one a line should keep to.
constexpr std::size_t kMaxLineOctets = 998;
constexpr std::size_t kFoldColumn = 78;

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

// Why `address` cannot go into the envelope and a header as it is, or nothing if it can. Only
// plain addresses pass: a display name, a group or a second address would reach the header but
// not the envelope, and angle brackets would end curl's MAIL/RCPT argument early.
std::optional<std::string> address_problem(std::string_view address) {
  if (std::any_of(address.begin(), address.end(), [](unsigned char c) { return is_control(c); }))
    return "contains a line break or another control character";
  const auto at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos ||
      address.find_first_of(" <>()[],;:\"\\") != std::string_view::npos)
    return "is not one plain e-mail address: '" + std::string(address) + "'";
  return std::nullopt;
}

std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = 0;
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    for (std::size_t j = 0; j < 3; ++j)
      group = group << 8 | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0u);
    for (std::size_t j = 0; j < 4; ++j)
      out += j <= n ? kDigits[(group >> (18 - 6 * j)) & 0x3f] : '=';
  }
  return out;
}

// The subject as the header's value: as it is when it is short printable ASCII, otherwise as
// RFC 2047 encoded-words, one per folded line. A plain subject containing "=?" is encoded too, or
// a mail reader would decode it as if it were an encoded-word.
std::string subject_header_value(std::string_view subject) {
  constexpr std::string_view kName = "Subject: ";
  const bool plain =
      kName.size() + subject.size() <= kFoldColumn &&
      subject.find("=?") == std::string_view::npos &&
      std::all_of(subject.begin(), subject.end(), [](unsigned char c) { return c < 0x80; });
  if (plain) return std::string(subject);
  // 42 octets make 56 base64 digits: with "=?UTF-8?B?", "?=" and the header's name the first
  // line has 77 columns.
  constexpr std::size_t kChunk = 42;
  std::string out;
  while (!subject.empty()) {
    std::size_t n = std::min(kChunk, subject.size());
    // RFC 2047 6.3: every encoded-word must hold whole characters.
    while (n < subject.size() && n > 1 && (static_cast<unsigned char>(subject[n]) & 0xc0) == 0x80)
      --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(subject.substr(0, n)) + "?=";
    subject.remove_prefix(n);
  }
  return out;
}

// The body with every line break as CRLF and a final one, as 8bit transfer encoding requires
// (RFC 2045 2.8), which also rules out NUL and lines of more than 998 octets.
std::string body_in_crlf(std::string_view body) {
  std::string out;
  std::size_t line = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      out += "\r\n";
      line = 0;
      continue;
    }
    if (c == '\0') throw DeliveryError("the body contains a NUL character");
    if (++line > kMaxLineOctets)
      throw DeliveryError("a line of the body is longer than 998 octets");
    out += c;
  }
  if (!out.empty() && !out.ends_with("\r\n")) out += "\r\n";
  return out;
}

// RFC 5322 3.3, spelled out so that the process's locale cannot change the names.
std::string rfc5322_date(std::time_t now) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

// Unique without coordination between servers: time and 64 random bits, at the sender's domain.
std::string message_id(std::time_t now, const std::string& from) {
  std::random_device random;
  const std::uint64_t bits = std::uint64_t{random()} << 32 | random();
  char local[48];
  std::snprintf(local, sizeof local, "%lld.%016llx", static_cast<long long>(now),
                static_cast<unsigned long long>(bits));
  std::string id = "<";
  id += local;
  id.append(from, from.find('@'));
  id += '>';
  return id;
}

std::string compose(const std::string& from, const std::string& to, const std::string& subject,
                    const std::string& body) {
  const std::time_t now = std::time(nullptr);
  return "Date: " + rfc5322_date(now) + "\r\nFrom: " + from + "\r\nTo: " + to +
         "\r\nSubject: " + subject_header_value(subject) +
         "\r\nMessage-ID: " + message_id(now, from) +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\n\r\n" +
         body_in_crlf(body);
}

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* rest_of_message) {
  auto& rest = *static_cast<std::string_view*>(rest_of_message);
  const std::size_t n = std::min(size * count, rest.size());
  std::memcpy(buffer, rest.data(), n);
  rest.remove_prefix(n);
  return n;
}

}  // namespace

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
  if (settings_.timeout <= std::chrono::seconds::zero())
    throw std::invalid_argument("the SMTP timeout must be positive");
  if (const auto problem = address_problem(settings_.from))
    throw std::invalid_argument("the SMTP sender " + *problem);
}

void SmtpMailer::send(const std::string& to, const std::string& subject,
                      const std::string& body) const {
  if (const auto problem = address_problem(to)) throw DeliveryError("the recipient " + *problem);
  if (std::any_of(subject.begin(), subject.end(),
                  [](unsigned char c) { return is_control(c) && c != '\t'; }))
    throw DeliveryError("the subject contains a line break or another control character");
  const std::string message = compose(settings_.from, to, subject, body);

  CurlTransfer transfer(settings_.url, "smtp,smtps", settings_.timeout);
  const std::string sender = "<" + settings_.from + ">";
  transfer.set(CURLOPT_MAIL_FROM, sender.c_str());
  const std::string recipient = "<" + to + ">";
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> recipients(
      curl_slist_append(nullptr, recipient.c_str()), &curl_slist_free_all);
  if (!recipients) throw DeliveryError("out of memory for the recipient list");
  transfer.set(CURLOPT_MAIL_RCPT, recipients.get());
  if (!settings_.username.empty()) {
    transfer.set(CURLOPT_USERNAME, settings_.username.c_str());
    transfer.set(CURLOPT_PASSWORD, settings_.password.c_str());
    // A password goes over TLS only: STARTTLS is required, not merely tried.
    transfer.set(CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  } else {
    transfer.set(CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  }
  std::string_view rest = message;
  transfer.set(CURLOPT_READFUNCTION, &read_message);
  transfer.set(CURLOPT_READDATA, &rest);
  transfer.set(CURLOPT_UPLOAD, 1L);
  transfer.perform("mail to " + to);
}

}  // namespace boxoffice
