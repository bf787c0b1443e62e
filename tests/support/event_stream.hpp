#pragma once
// A client of a server-sent events stream for the integration tests: it reads the messages one by
// one as they arrive, with a time limit for each.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace boxoffice::testing {

struct SseMessage {
  std::string id;
  std::string event;
  boost::json::value data;  // the data line as JSON
};

class EventStream {
 public:
  // Opens `target` and reads the response head; `last_event_id` is sent as Last-Event-ID, and
  // `headers` as they are.
  EventStream(unsigned short port, const std::string& target, const std::string& last_event_id = "",
              const std::vector<std::pair<std::string, std::string>>& headers = {});
  int status() const { return status_; }
  const std::string& head() const { return head_; }
  // The next message with an event name (comments and retry lines are skipped), or nullopt when
  // none comes within `timeout` or the server closes the stream.
  std::optional<SseMessage> next(std::chrono::milliseconds timeout);
  // Whether the server has closed the stream within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  bool read_more(std::chrono::steady_clock::time_point deadline);

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  std::string buffer_;
  std::string head_;
  int status_ = 0;
  bool eof_ = false;
};

}  // namespace boxoffice::testing
