#include "support/mail_sink.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace boxoffice::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The port in `output` once it holds the whole line "listening on PORT"; 0 before that.
unsigned short ready_port(const std::string& output) {
  constexpr std::string_view kReady = "listening on ";
  const auto start = output.find(kReady);
  const auto end = output.find('\n', start);
  if (start == std::string::npos || end == std::string::npos) return 0;
  unsigned short port = 0;
  const char* last = output.data() + end;
  const auto [stop, error] = std::from_chars(output.data() + start + kReady.size(), last, port);
  return error == std::errc() && stop == last ? port : 0;
}

// Reads from `fd` until a whole line "listening on PORT" has come, the child closes its output
// or `deadline` passes; returns the port, or 0 and what was read.
unsigned short read_ready_line(int fd, Clock::time_point deadline, std::string& output) {
  for (;;) {
    if (const auto port = ready_port(output)) return port;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return 0;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[256];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return 0;
    output.append(buf, static_cast<std::size_t>(n));
  }
}

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

std::string base64_decode(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const auto digit =
        std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
            .find(c);
    if (digit == std::string_view::npos)
      throw std::runtime_error("not base64: " + std::string(text));
    bits = bits << 6 | static_cast<std::uint32_t>(digit);
    if (++count == 4) {
      out += static_cast<char>(bits >> 16 & 0xff);
      out += static_cast<char>(bits >> 8 & 0xff);
      out += static_cast<char>(bits & 0xff);
      bits = 0;
      count = 0;
    }
  }
  if (count == 1) throw std::runtime_error("truncated base64: " + std::string(text));
  if (count >= 2) out += static_cast<char>(bits >> (6 * count - 8) & 0xff);
  if (count == 3) out += static_cast<char>(bits >> 2 & 0xff);
  return out;
}

// RFC 2047 4.2: "_" is a space, "=XX" an octet.
std::string q_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=') {
      if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(text[i + 2])))
        throw std::runtime_error("bad Q encoding: " + std::string(text));
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// RFC 2047 6.3: every encoded-word holds whole characters, so none may end inside a UTF-8
// sequence or start with the rest of one.
bool whole_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xe  ? 3
                               : (lead >> 3) == 0x1e ? 4
                                                     : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t j = 1; j < length; ++j)
      if ((static_cast<unsigned char>(text[i + j]) & 0xc0) != 0x80) return false;
    i += length;
  }
  return true;
}

ReceivedMail parse_mail(const std::string& file) {
  ReceivedMail mail;
  std::size_t pos = 0;
  std::size_t message_start = std::string::npos;
  while (pos < file.size()) {
    const std::size_t eol = std::min(file.find('\n', pos), file.size());
    std::string_view line(file.data() + pos, eol - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::size_t next = std::min(eol + 1, file.size());
    if (line.empty()) {
      mail.body = file.substr(next);
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !mail.headers.empty()) {
      // RFC 5322 2.2.3: unfolding removes the line break, not the white space after it.
      mail.headers.back().second += line;
    } else {
      const auto colon = line.find(':');
      if (colon == std::string_view::npos)
        throw std::runtime_error("not a header line: " + std::string(line));
      std::string name(line.substr(0, colon));
      std::string value(line.substr(colon + 1));
      value.erase(0, value.find_first_not_of(" \t"));
      // The sink's own lines, before the message.
      if (name == "X-Envelope-From" && message_start == std::string::npos) {
        mail.envelope_from = value;
      } else if (name == "X-Envelope-To" && message_start == std::string::npos) {
        mail.envelope_to.push_back(value);
      } else {
        if (message_start == std::string::npos) message_start = pos;
        mail.headers.emplace_back(std::move(name), std::move(value));
      }
    }
    pos = next;
  }
  mail.message = file.substr(std::min(message_start, file.size()));
  mail.from = mail.header("From");
  mail.to = mail.header("To");
  mail.subject = decode_encoded_words(mail.header("Subject"));
  return mail;
}

}  // namespace

SinkProcess::SinkProcess(const std::string& script, const std::vector<std::string>& args) {
  auto pattern = (fs::temp_directory_path() / "boxoffice-sink-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;

  // -I: the environment's PYTHONPATH and user site-packages belong to another Python.
  std::vector<std::string> argv{"/usr/bin/python3", "-I",
                                std::string(BOXOFFICE_TEST_SUPPORT_DIR) + "/" + script, directory_};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);

  // Close-on-exec, so that no other child started meanwhile keeps the pipe open.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    fs::remove_all(directory_);
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  const int rc = posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    pid_ = -1;
    fs::remove_all(directory_);
    throw std::runtime_error("cannot start " + argv[0] + " " + argv[2]);
  }
  std::string output;
  port_ = read_ready_line(fds[0], Clock::now() + std::chrono::seconds(30), output);
  close(fds[0]);
  if (port_ == 0) {
    stop();
    throw std::runtime_error(script + " did not say it was listening; it printed: " + output);
  }
}

SinkProcess::~SinkProcess() {
  stop();
}

void SinkProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
  }
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

std::vector<std::string> SinkProcess::wait_for(std::size_t count,
                                               std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(directory_))
      if (entry.path().extension() != ".partial") files.push_back(entry.path());
    if (files.size() >= count || Clock::now() >= deadline) {
      // The names are numbers of equal length, so their order is the order of arrival.
      std::sort(files.begin(), files.end());
      std::vector<std::string> contents;
      for (const auto& f : files) contents.push_back(read_file(f));
      return contents;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string ReceivedMail::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (iequals(n, name)) return v;
  return {};
}

std::string decode_encoded_words(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  bool after_word = false;
  while (pos < value.size()) {
    // =?charset?encoding?text?=
    const auto start = value.find("=?", pos);
    if (start == std::string::npos) break;
    const auto charset_end = value.find('?', start + 2);
    const auto text_end = charset_end == std::string::npos || charset_end + 2 >= value.size() ||
                                  value[charset_end + 2] != '?'
                              ? std::string::npos
                              : value.find("?=", charset_end + 3);
    if (text_end == std::string::npos) {  // not an encoded-word after all
      out.append(value, pos, start + 2 - pos);
      pos = start + 2;
      after_word = false;
      continue;
    }
    const std::string gap = value.substr(pos, start - pos);
    // RFC 2047 6.2: white space between two encoded-words is not part of the text.
    if (!(after_word && gap.find_first_not_of(" \t\r\n") == std::string::npos)) out += gap;
    const std::string word = value.substr(start, text_end + 2 - start);
    const std::string charset = value.substr(start + 2, charset_end - start - 2);
    const char encoding =
        static_cast<char>(std::toupper(static_cast<unsigned char>(value[charset_end + 1])));
    const std::string text = value.substr(charset_end + 3, text_end - charset_end - 3);
    if (!iequals(charset, "utf-8") && !iequals(charset, "us-ascii"))
      throw std::runtime_error("encoded-word in charset " + charset + ": " + word);
    if (encoding != 'B' && encoding != 'Q')
      throw std::runtime_error("encoded-word in an unknown encoding: " + word);
    const std::string decoded = encoding == 'B' ? base64_decode(text) : q_decode(text);
    if (!whole_characters(decoded))
      throw std::runtime_error("encoded-word " + word + " splits a character");
    out += decoded;
    pos = text_end + 2;
    after_word = true;
  }
  if (pos < value.size()) out.append(value, pos);
  return out;
}

SmtpSink::SmtpSink() : process_("smtp_sink.py", {}) {}

std::string SmtpSink::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port());
}

std::vector<ReceivedMail> SmtpSink::wait_for(std::size_t count,
                                             std::chrono::milliseconds timeout) const {
  std::vector<ReceivedMail> mails;
  for (const auto& file : process_.wait_for(count, timeout)) mails.push_back(parse_mail(file));
  return mails;
}

namespace {

std::vector<std::string> webhook_sink_args(int status, int fail_first, bool envelope) {
  std::vector<std::string> args{"--status", std::to_string(status), "--fail-first",
                                std::to_string(fail_first)};
  if (envelope) args.emplace_back("--envelope");
  return args;
}

}  // namespace

WebhookSink::WebhookSink(int status, int fail_first, bool envelope)
    : process_("webhook_sink.py", webhook_sink_args(status, fail_first, envelope)) {}

std::string WebhookSink::url() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/sms";
}

}  // namespace boxoffice::testing
