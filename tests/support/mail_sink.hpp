#pragma once
// Real servers that receive what the notifier sends, for tests: an SMTP server and a text-message
// webhook, each the Python script of the same name in this folder, run as a child process on a
// free port and saving what it receives as files in a temporary directory of its own.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boxoffice::testing {

// One of the scripts, running. Stopped and its directory removed when destroyed.
class SinkProcess {
 public:
  // Runs Debian's /usr/bin/python3 (the one with aiosmtpd) on `script` with the directory and
  // `args`, and waits for its line "listening on PORT". Throws std::runtime_error if none comes.
  SinkProcess(const std::string& script, const std::vector<std::string>& args);
  ~SinkProcess();
  SinkProcess(const SinkProcess&) = delete;
  SinkProcess& operator=(const SinkProcess&) = delete;

  unsigned short port() const { return port_; }

  // Waits until at least `count` files are there or `timeout` has passed, then returns the
  // contents of every file there, in order of arrival.
  std::vector<std::string> wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  void stop();

  std::string directory_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

struct ReceivedMail {
  std::string envelope_from;             // MAIL FROM
  std::vector<std::string> envelope_to;  // RCPT TO
  std::string from, to, subject;         // the headers; the subject decoded from RFC 2047
  std::string body;                      // everything after the blank line, as received
  std::string message;                   // headers and body, exactly as received
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded, in order

  // The value of the first header of that name (any case), unfolded but not decoded; empty if
  // there is none.
  std::string header(std::string_view name) const;
};

// Decodes the RFC 2047 encoded-words (UTF-8 or US-ASCII, B or Q) in a header's value; throws
// std::runtime_error for a malformed word, another charset or a word that splits a character.
std::string decode_encoded_words(const std::string& value);

class SmtpSink {
 public:
  SmtpSink();
  unsigned short port() const { return process_.port(); }
  std::string url() const;  // smtp://127.0.0.1:PORT

  // Every message received so far, in order of arrival, once there are `count` or `timeout` has
  // passed.
  std::vector<ReceivedMail> wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  SinkProcess process_;
};

class WebhookSink {
 public:
  // Answers every JSON POST with `status` (and anything else with 415), but the first
  // `fail_first` with 500. With `envelope`, each received body is kept as {"status": the answer,
  // "signature": the X-Boxoffice-Signature header, "body": the body as received}.
  explicit WebhookSink(int status = 204, int fail_first = 0, bool envelope = false);
  unsigned short port() const { return process_.port(); }
  std::string url() const;  // http://127.0.0.1:PORT/sms

  // Every JSON body received so far, in order of arrival, once there are `count` or `timeout` has
  // passed.
  std::vector<std::string> wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
    return process_.wait_for(count, timeout);
  }

 private:
  SinkProcess process_;
};

}  // namespace boxoffice::testing
