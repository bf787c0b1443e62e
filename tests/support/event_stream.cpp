#include "support/event_stream.hpp"

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <sstream>

namespace boxoffice::testing {

namespace asio = boost::asio;

EventStream::EventStream(unsigned short port, const std::string& target,
                         const std::string& last_event_id,
                         const std::vector<std::pair<std::string, std::string>>& headers)
    : socket_(ioc_) {
  socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  asio::write(socket_, asio::buffer(request));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (buffer_.find("\r\n\r\n") == std::string::npos)
    if (!read_more(deadline)) return;
  const auto end = buffer_.find("\r\n\r\n");
  head_ = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  std::istringstream(head_.substr(head_.find(' ') + 1)) >> status_;
}

bool EventStream::read_more(std::chrono::steady_clock::time_point deadline) {
  if (eof_) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{socket_.native_handle(), POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char buf[8192];
  boost::system::error_code ec;
  const auto n = socket_.read_some(asio::buffer(buf), ec);
  if (ec || n == 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(buf, n);
  return true;
}

std::optional<SseMessage> EventStream::next(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto end = buffer_.find("\n\n");
    if (end == std::string::npos) {
      if (!read_more(deadline)) return std::nullopt;
      continue;
    }
    std::istringstream block(buffer_.substr(0, end));
    buffer_.erase(0, end + 2);
    SseMessage m;
    std::string data;
    for (std::string line; std::getline(block, line);) {
      if (line.rfind("id: ", 0) == 0) m.id = line.substr(4);
      if (line.rfind("event: ", 0) == 0) m.event = line.substr(7);
      if (line.rfind("data: ", 0) == 0) data += line.substr(6);
    }
    if (m.event.empty()) continue;
    m.data = boost::json::parse(data);
    return m;
  }
}

bool EventStream::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (read_more(deadline)) {
  }
  return eof_;
}

}  // namespace boxoffice::testing
