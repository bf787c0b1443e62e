// Delivery through CurlNotifier to real servers on this machine: an SMTP server and a webhook.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "notify/curl_notifier.hpp"
#include "support/mail_sink.hpp"

namespace boxoffice {
namespace {

using namespace std::chrono_literals;
using testing::decode_encoded_words;
using testing::SmtpSink;
using testing::WebhookSink;
using Elapsed = std::chrono::steady_clock;

constexpr auto kArrival = 10s;        // how long a message that was sent may take to show up
constexpr auto kNothingCame = 500ms;  // how long to wait before deciding none was sent
constexpr const char* kSender = "tickets@boxoffice.test";

Notification email(std::string to, std::string subject, std::string body) {
  return {Notification::Channel::email, std::move(to), std::move(subject), std::move(body)};
}

Notification text(std::string phone, std::string body) {
  return {Notification::Channel::sms, std::move(phone), "", std::move(body)};
}

SmtpSettings smtp_settings(std::string url, std::chrono::seconds timeout = 10s) {
  return {std::move(url), kSender, "", "", timeout};
}

// The message of the DeliveryError that `deliver` throws; fails the test if it throws none.
template <typename F>
std::string delivery_error(F deliver) {
  try {
    deliver();
  } catch (const DeliveryError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no DeliveryError";
  return {};
}

// A TCP port on 127.0.0.1 that is ours but has no server: merely bound, it refuses connections;
// listening but never accepting, the kernel takes connections and nobody ever answers on them.
class LoopbackPort {
 public:
  explicit LoopbackPort(bool listening) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        (listening && listen(fd_, 8) != 0) ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot set up a loopback port");
    port_ = ntohs(address.sin_port);
  }
  ~LoopbackPort() { close(fd_); }
  LoopbackPort(const LoopbackPort&) = delete;
  LoopbackPort& operator=(const LoopbackPort&) = delete;

  std::string url(const std::string& scheme) const {
    return scheme + "://127.0.0.1:" + std::to_string(port_);
  }

 private:
  int fd_;
  unsigned short port_ = 0;
};

// Every line break is CRLF, as RFC 5322 requires on the wire.
bool only_crlf(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return false;
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) return false;
  }
  return true;
}

TEST(MailSink, DecodesEncodedWords) {
  EXPECT_EQ(decode_encoded_words("=?UTF-8?Q?Du_bist_dran_=E2=80=93_Konzert?="),
            "Du bist dran – Konzert");
  EXPECT_EQ(decode_encoded_words("=?utf-8?B?RHUgYmlzdCBkcmFu?=\r\n =?UTF-8?b?IOKAkyBLb256ZXJ0?="),
            "Du bist dran – Konzert");
  EXPECT_EQ(decode_encoded_words("Plain =?US-ASCII?Q?a?= b"), "Plain a b");
  EXPECT_THROW(decode_encoded_words("=?ISO-8859-1?Q?Gr=FC=DFe?="), std::runtime_error);
  EXPECT_THROW(decode_encoded_words("=?UTF-8?Q?Gr=C3?= =?UTF-8?Q?=BC=C3=9Fe?="),
               std::runtime_error);
}

TEST(NotifyEmail, ArrivesWithEnvelopeHeadersAndBody) {
  SmtpSink sink;
  CurlNotifier notifier(smtp_settings(sink.url()), std::nullopt);
  notifier.deliver(email("anna@example.org", "Du bist dran – Konzert",
                         "Hallo Anna,\nyou may buy your tickets now.\n.\nBis gleich"));

  const auto mails = sink.wait_for(1, kArrival);
  ASSERT_EQ(mails.size(), 1u);
  const auto& mail = mails[0];
  EXPECT_EQ(mail.envelope_from, kSender);
  EXPECT_EQ(mail.envelope_to, std::vector<std::string>{"anna@example.org"});
  EXPECT_EQ(mail.from, kSender);
  EXPECT_EQ(mail.to, "anna@example.org");
  EXPECT_EQ(mail.subject, "Du bist dran – Konzert");
  // The line holding only a dot is the SMTP end of data unless it is escaped on the way.
  EXPECT_EQ(mail.body, "Hallo Anna,\r\nyou may buy your tickets now.\r\n.\r\nBis gleich\r\n");
  EXPECT_TRUE(only_crlf(mail.message));

  const std::string raw_subject = mail.header("Subject");
  EXPECT_TRUE(raw_subject.starts_with("=?UTF-8?B?")) << raw_subject;
  for (const unsigned char c : mail.message.substr(0, mail.message.find("\r\n\r\n")))
    ASSERT_LT(c, 0x80) << "headers must be ASCII";
  EXPECT_EQ(mail.header("MIME-Version"), "1.0");
  EXPECT_EQ(mail.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(mail.header("Content-Transfer-Encoding"), "8bit");
  const std::string date = mail.header("Date");
  std::tm parsed{};
  const char* end = strptime(date.c_str(), "%a, %d %b %Y %H:%M:%S +0000", &parsed);
  ASSERT_TRUE(end && *end == '\0') << date;
  const int named_weekday = parsed.tm_wday;
  EXPECT_LT(std::abs(timegm(&parsed) - std::time(nullptr)), 60) << date;
  EXPECT_EQ(parsed.tm_wday, named_weekday) << date;  // timegm sets the day the date falls on
  const std::string id = mail.header("Message-ID");
  const std::string domain = "@boxoffice.test>";
  ASSERT_GT(id.size(), domain.size() + 1) << id;
  EXPECT_TRUE(id.starts_with("<") && id.ends_with(domain)) << id;
  EXPECT_EQ(id.substr(1, id.size() - 1 - domain.size()).find_first_of("<>@ "), std::string::npos)
      << id;
}

TEST(NotifyEmail, MessagesArriveInOrderWithLineBreaksAsCrlf) {
  SmtpSink sink;
  CurlNotifier notifier(smtp_settings(sink.url()), std::nullopt);
  notifier.deliver(email("anna@example.org", "Your turn", "one\r\ntwo\rthree\nfour\n"));
  notifier.deliver(email("ben@example.org", "Your turn", "second"));

  const auto mails = sink.wait_for(2, kArrival);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].to, "anna@example.org");
  EXPECT_EQ(mails[0].body, "one\r\ntwo\r\nthree\r\nfour\r\n");
  EXPECT_EQ(mails[1].to, "ben@example.org");
  EXPECT_EQ(mails[1].envelope_to, std::vector<std::string>{"ben@example.org"});
  EXPECT_EQ(mails[1].body, "second\r\n");
  // A short ASCII subject is sent as it is.
  EXPECT_EQ(mails[0].header("Subject"), "Your turn");
  EXPECT_NE(mails[0].header("Message-ID"), mails[1].header("Message-ID"));
}

TEST(NotifyEmail, LongSubjectIsFoldedIntoWholeCharacters) {
  SmtpSink sink;
  CurlNotifier notifier(smtp_settings(sink.url()), std::nullopt);
  std::string subject;
  for (int i = 0; i < 3; ++i)
    subject += "Dein Ticket: 🎫🎫🎫🎫🎫🎫🎫🎫🎫🎫 – Grüße aus der Halle Süd, Einlass ab 19 Uhr ";
  notifier.deliver(email("anna@example.org", subject, "See you."));

  const auto mails = sink.wait_for(1, kArrival);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, subject);
  const std::string& message = mails[0].message;
  const std::string head = message.substr(0, message.find("\r\n\r\n"));
  int folded = 0;
  for (std::size_t start = 0, end; start < head.size(); start = end + 2) {
    end = std::min(head.find("\r\n", start), head.size());
    EXPECT_LE(end - start, 78u) << head.substr(start, end - start);
    if (head[start] == ' ') ++folded;
  }
  EXPECT_GE(folded, 3);
}

TEST(NotifyEmail, RefusesHeaderInjectionAndSendsNothing) {
  SmtpSink sink;
  CurlNotifier notifier(smtp_settings(sink.url()), std::nullopt);
  for (const std::string to :
       {"anna@example.org\r\nBcc: eve@example.org", "anna@example.org\nBcc: eve@example.org",
        "anna@example.org, eve@example.org", "Anna <anna@example.org>", "anna"}) {
    EXPECT_NE(delivery_error([&] { notifier.deliver(email(to, "Your turn", "Hi")); }), "") << to;
  }
  for (const std::string subject : {"Your turn\r\nBcc: eve@example.org",
                                    "Your turn\nBcc: eve@example.org", "Your turn\rBcc: eve"}) {
    const std::string error =
        delivery_error([&] { notifier.deliver(email("anna@example.org", subject, "Hi")); });
    EXPECT_NE(error.find("line break"), std::string::npos) << error;
  }
  EXPECT_TRUE(sink.wait_for(1, kNothingCame).empty());

  // The same notifier still delivers, so what stopped the others was the check.
  notifier.deliver(email("anna@example.org", "Your turn", "Hi"));
  EXPECT_EQ(sink.wait_for(1, kArrival).size(), 1u);
}

TEST(NotifyEmail, NobodyListeningFailsAtOnce) {
  const LoopbackPort refusing(false);
  CurlNotifier notifier(smtp_settings(refusing.url("smtp"), 10s), std::nullopt);
  const auto start = Elapsed::now();
  const std::string error =
      delivery_error([&] { notifier.deliver(email("anna@example.org", "Your turn", "Hi")); });
  EXPECT_LT(Elapsed::now() - start, 2s);
  EXPECT_NE(error.find("anna@example.org"), std::string::npos) << error;
}

TEST(NotifyEmail, ServerThatNeverAnswersTimesOut) {
  const LoopbackPort silent(true);
  CurlNotifier notifier(smtp_settings(silent.url("smtp"), 1s), std::nullopt);
  const auto start = Elapsed::now();
  const std::string error =
      delivery_error([&] { notifier.deliver(email("anna@example.org", "Your turn", "Hi")); });
  const auto took = Elapsed::now() - start;
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 5s);
  EXPECT_NE(error.find("timed out"), std::string::npos) << error;
}

TEST(NotifySms, ArrivesAsJson) {
  WebhookSink sink;
  CurlNotifier notifier(std::nullopt, sink.url());
  notifier.deliver(text("+4915112345678", "Du bist dran – \"Konzert\"\nJetzt kaufen"));

  const auto bodies = sink.wait_for(1, kArrival);
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(boost::json::parse(bodies[0]),
            (boost::json::object{{"to", "+4915112345678"},
                                 {"message", "Du bist dran – \"Konzert\"\nJetzt kaufen"}}));
}

TEST(NotifySms, ErrorStatusIsADeliveryError) {
  WebhookSink sink(500);
  CurlNotifier notifier(std::nullopt, sink.url());
  const std::string error =
      delivery_error([&] { notifier.deliver(text("+4915112345678", "Your turn")); });
  EXPECT_NE(error.find("HTTP 500"), std::string::npos) << error;
  // It was the webhook's answer, not a failure to reach it.
  EXPECT_EQ(sink.wait_for(1, kArrival).size(), 1u);
}

TEST(NotifySms, NobodyListeningFailsAtOnce) {
  const LoopbackPort refusing(false);
  CurlNotifier notifier(std::nullopt, refusing.url("http") + "/sms");
  const auto start = Elapsed::now();
  EXPECT_NE(delivery_error([&] { notifier.deliver(text("+4915112345678", "Your turn")); }), "");
  EXPECT_LT(Elapsed::now() - start, 2s);
}

TEST(CurlNotifier, ChannelNotConfiguredThrows) {
  CurlNotifier nothing(std::nullopt, std::nullopt);
  EXPECT_EQ(delivery_error([&] { nothing.deliver(email("anna@example.org", "Hi", "Hi")); }),
            "no SMTP server configured");
  EXPECT_EQ(delivery_error([&] { nothing.deliver(text("+4915112345678", "Hi")); }),
            "no text-message webhook configured");

  SmtpSink smtp;
  WebhookSink webhook;
  CurlNotifier mail_only(smtp_settings(smtp.url()), std::nullopt);
  CurlNotifier text_only(std::nullopt, webhook.url());
  EXPECT_EQ(delivery_error([&] { mail_only.deliver(text("+4915112345678", "Hi")); }),
            "no text-message webhook configured");
  EXPECT_EQ(delivery_error([&] { text_only.deliver(email("anna@example.org", "Hi", "Hi")); }),
            "no SMTP server configured");
  EXPECT_TRUE(smtp.wait_for(1, kNothingCame).empty());
  EXPECT_TRUE(webhook.wait_for(1, kNothingCame).empty());
}

TEST(CurlNotifier, MisconfigurationIsRefusedAtConstruction) {
  EXPECT_THROW(
      CurlNotifier(SmtpSettings{"smtp://127.0.0.1:25", "Box Office <tickets@x.test>", "", ""},
                   std::nullopt),
      std::invalid_argument);
  EXPECT_THROW(CurlNotifier(smtp_settings("smtp://127.0.0.1:25", 0s), std::nullopt),
               std::invalid_argument);
  EXPECT_THROW(CurlNotifier(std::nullopt, "http://127.0.0.1:1/sms", 0s), std::invalid_argument);
}

}  // namespace
}  // namespace boxoffice
