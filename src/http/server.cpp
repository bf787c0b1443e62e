#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "http/address_slots.hpp"
#include "http/compression.hpp"
#include "http/json_io.hpp"
#include "http/request_handling.hpp"
#include "http/request_log.hpp"

namespace boxoffice::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

// A connection as the shutdown sequence sees it: idle ones are closed, busy ones finish.
struct LiveConnection {
  tcp::socket* socket;
  bool idle = true;
  asio::steady_timer* streaming = nullptr;  // an updates stream's timer, cancelled with the socket
};

struct ServerState {
  const ServerOptions& options;
  ServerParts parts;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::steady_timer drain_timer{ioc};
  std::atomic<bool> draining{false};
  std::mutex live_mutex;
  std::set<LiveConnection*> live;
  // Sessions spawned and not yet ended; counted at accept, before a session first runs, so that
  // a burst of connections cannot slip past --max-connections.
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> password_jobs{0};  // running or queued on the password workers
  AddressSlots streams;

  ServerState(const ServerOptions& o, ServerParts p)
      : options(o), parts(p), ioc(o.io_threads), streams(o.max_streams_per_address) {}

  void add(LiveConnection* c) {
    std::lock_guard lock(live_mutex);
    live.insert(c);
  }
  void remove(LiveConnection* c) {
    std::lock_guard lock(live_mutex);
    live.erase(c);
    if (draining && live.empty()) drain_timer.cancel();
  }
};

// One of the --max-connections: taken by the accept loop, given back when the session ends (or
// its coroutine is destroyed without running).
class ConnectionSlot {
 public:
  explicit ConnectionSlot(ServerState& s) : s_(&s) { ++s_->connections; }
  ConnectionSlot(ConnectionSlot&& other) noexcept : s_(std::exchange(other.s_, nullptr)) {}
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(ConnectionSlot&&) = delete;
  ~ConnectionSlot() {
    if (s_) --s_->connections;
  }

 private:
  ServerState* s_;
};

// Keeps a connection in the live set (and the gauge) for exactly as long as its session runs.
class Registration {
 public:
  Registration(ServerState& s, LiveConnection& c) : s_(s), c_(c) {
    s_.add(&c_);
    s_.parts.metrics.connection_opened();
  }
  ~Registration() {
    s_.parts.metrics.connection_closed();
    s_.remove(&c_);
  }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

 private:
  ServerState& s_;
  LiveConnection& c_;
};

void log_failure_of(const Route& route, bool storage, const std::exception& e) {
  spdlog::error("{} failure route={} error=\"{}\"", storage ? "storage" : "handler", route.pattern,
                e.what());
}

// The coroutine waiting for a storage-backed answer, resumed on its own executor by the first
// reply. Should a later handler lose its reply, the waiting request is answered 500 rather than
// left hanging.
template <class Handler>
class Waiting {
 public:
  Waiting(Handler handler, std::atomic<std::size_t>* in_flight)
      : handler_(std::move(handler)),
        work_(asio::make_work_guard(asio::get_associated_executor(handler_))),
        in_flight_(in_flight) {}
  Waiting(const Waiting&) = delete;
  Waiting& operator=(const Waiting&) = delete;
  ~Waiting() {
    if (!answered_.test())
      resume(error_response(500, "internal_error", "Something went wrong on our side."));
  }

  void resume(Response response) {
    if (answered_.test_and_set()) return;
    if (in_flight_) --*in_flight_;
    auto ex = asio::get_associated_executor(handler_);
    asio::post(ex, [h = std::move(handler_), w = std::move(work_),
                    res = std::move(response)]() mutable { std::move(h)(std::move(res)); });
  }

 private:
  Handler handler_;
  decltype(asio::make_work_guard(asio::get_associated_executor(std::declval<Handler&>()))) work_;
  std::atomic<std::size_t>* in_flight_;  // counted down once answered; may be null
  std::atomic_flag answered_;
};

// Runs a storage-backed handler on a storage worker and resumes the coroutine with its response.
// A named initiation rather than a lambda: GCC 12 mis-compiles capturing lambdas inside co_await.
struct OnWorker {
  ServerState* state;
  const Route* route;
  Request request;
  StorageWorkers* workers;
  std::atomic<std::size_t>* in_flight;  // counted down once answered; may be null

  template <class Handler>
  void operator()(Handler handler) && {
    auto waiting = std::make_shared<Waiting<Handler>>(std::move(handler), in_flight);
    workers->post([s = state, r = route, req = std::move(request),
                   waiting = std::move(waiting)](Storage& st) mutable {
      invoke(
          *r, req, st, s->parts.env,
          [waiting](Response response) { waiting->resume(std::move(response)); }, log_failure_of);
    });
  }
};

Response password_pool_busy() {
  Response r = error_response(503, "server_busy",
                              "Too many sign-ins and sign-ups at once; try again shortly.");
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

asio::awaitable<Response> dispatch(ServerState& s, Request request, std::string& route_name) {
  auto match = s.parts.router.match(request.method, request.path);
  if (!match.route) {
    if (!match.allowed.empty()) {
      route_name = "method_not_allowed";
      Response r =
          error_response(405, "method_not_allowed",
                         request.method + " is not allowed here; use " + match.allowed + ".");
      r.headers.emplace_back("Allow", match.allowed);
      co_return r;
    }
    if (request.method == "GET" && !request.path.starts_with("/api/")) {
      route_name = "static";
      if (const Response* file = s.parts.files.find(request.path)) co_return *file;
    } else {
      route_name = "unmatched";
    }
    co_return error_response(404, "not_found", "There is nothing at " + request.path + ".");
  }
  route_name = match.route->pattern;
  request.params = std::move(match.params);
  if (match.route->io_handler) co_return match.route->io_handler(request);
  if (match.route->fast) {
    auto fast = match.route->fast(request, s.parts.env);
    if (fast) co_return std::move(*fast);
  }
  StorageWorkers* workers = &s.parts.workers;
  std::atomic<std::size_t>* in_flight = nullptr;
  if (match.route->hashes_password) {
    // Past what the password pool runs and queues, waiting would only end in a timeout.
    if (s.password_jobs.fetch_add(1) >= s.options.password_threads + s.options.password_queue) {
      --s.password_jobs;
      co_return password_pool_busy();
    }
    workers = &s.parts.password_workers;
    in_flight = &s.password_jobs;
  }
  // Named, not a temporary inside the co_await: GCC 12 can destroy such temporaries too early.
  OnWorker on_worker{&s, match.route, std::move(request), workers, in_flight};
  Response response = co_await asio::async_initiate<decltype(use_awaitable), void(Response)>(
      std::move(on_worker), use_awaitable);
  co_return response;
}

// Headers every answer carries unless its handler set its own: browsers must not guess another
// type than the one given (an upload or a name echoed in JSON read as a page), and no cache may
// keep an answer, as most carry a buyer's holds, orders or tokens.
template <class Message>
void set_common_headers(Message& out, const Response& res) {
  out.set(bhttp::field::server, "boxoffice");
  out.set("X-Content-Type-Options", "nosniff");
  out.set(bhttp::field::cache_control, "no-store");
  if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
  for (const auto& [k, v] : res.headers) out.set(k, v);
}

asio::awaitable<void> write_response(beast::tcp_stream& stream, const Response& res,
                                     unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  set_common_headers(out, res);
  out.body() = res.body;
  out.keep_alive(keep_alive);
  out.prepare_payload();
  co_await bhttp::async_write(stream, out, no_throw);
}

// The head of a streamed response. A coroutine of its own, so that the head and its serializer take
// no room in the frame of every connection's session.
asio::awaitable<void> write_stream_head(ServerState& s, beast::tcp_stream& stream,
                                        const Response& res, unsigned version,
                                        beast::error_code& ec) {
  bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(res.status), version};
  set_common_headers(head, res);
  head.keep_alive(false);  // the body ends when the connection does
  bhttp::response_serializer<bhttp::empty_body> serializer(head);
  stream.expires_after(s.options.header_timeout);
  std::tie(ec, std::ignore) = co_await bhttp::async_write_header(stream, serializer, no_throw);
}

// An updates stream once its head is sent. Not a coroutine: an object driven by the stream's wakes
// and its timer, so that each of ten thousand open streams costs this object and its socket, and a
// seat change costs each one handler that hands the text to the socket's buffer, which usually
// takes it whole (bench/stadium.sh). A client that does not take it is waited for asynchronously,
// for --header-timeout, and meanwhile its watcher collects what comes (a snapshot once too much
// has). A comment line every 15 s keeps idle connections open through proxies and finds dead
// clients. Every member function runs on the connection's strand.
class StreamWriter : public std::enable_shared_from_this<StreamWriter> {
 public:
  StreamWriter(ServerState& s, tcp::socket socket, std::shared_ptr<Stream> feed,
               ConnectionSlot slot, std::optional<AddressSlots::Slot> stream_slot)
      : s_(s),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        feed_(std::move(feed)),
        slot_(std::move(slot)),
        stream_slot_(std::move(stream_slot)),
        live_{&socket_, true, &timer_},
        registration_(s, live_) {}

  void start(std::string first) {
    text_ = std::move(first);
    beast::error_code ec;
    socket_.non_blocking(true, ec);
    if (ec || s_.draining) return close();
    feed_->on_wake([weak = weak_from_this()] {
      if (auto self = weak.lock())
        asio::post(self->socket_.get_executor(), [self] { self->send(); });
    });
    wait(kHeartbeat);
    send();
  }

 private:
  static constexpr std::chrono::seconds kHeartbeat{15};

  void send() {
    if (writing_ || closed_) return;  // a write under way sends what came meanwhile when it ends
    text_ += feed_->next();
    if (text_.empty()) return;
    beast::error_code ec;
    const std::size_t sent = socket_.write_some(asio::buffer(text_), ec);
    if (ec && ec != asio::error::would_block) return close();
    if (sent == text_.size()) {
      std::string().swap(text_);  // not clear(): a snapshot's capacity would stay
      return;
    }
    text_.erase(0, sent);
    writing_ = true;
    wait(s_.options.header_timeout);
    asio::async_write(socket_, asio::buffer(text_),
                      [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                        self->writing_ = false;
                        if (write_ec) return self->close();
                        std::string().swap(self->text_);
                        self->wait(kHeartbeat);
                        self->send();
                      });
  }

  // Arms the timer (dropping its earlier wait): the write's deadline, or the next heartbeat.
  void wait(std::chrono::seconds how_long) {
    timer_.expires_after(how_long);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;           // re-armed, or closing
      if (self->writing_) return self->close();  // the client did not take a write in time
      self->text_ += ": heartbeat\n\n";
      self->wait(kHeartbeat);
      self->send();
    });
  }

  void close() {
    closed_ = true;
    feed_->on_wake([] {});
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    socket_.close(ec);
    timer_.cancel();
  }

  ServerState& s_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::shared_ptr<Stream> feed_;
  ConnectionSlot slot_;
  std::optional<AddressSlots::Slot> stream_slot_;
  LiveConnection live_;
  Registration registration_;
  std::string text_;  // not yet sent
  bool writing_ = false;
  bool closed_ = false;
};

Response protocol_error(const beast::error_code& ec) {
  if (ec == bhttp::error::body_limit)
    return error_response(413, "body_too_large", "The request body is larger than allowed.");
  if (ec == bhttp::error::header_limit)
    return error_response(431, "headers_too_large", "The request headers are too large.");
  return error_response(400, "bad_request", "The request is not valid HTTP/1.1: " + ec.message());
}

// The answer to a stream past --max-streams-per-address.
Response too_many_streams() {
  Response r =
      error_response(429, "too_many_streams",
                     "This address has as many updates streams open as allowed; close one.");
  r.headers.emplace_back("Retry-After", "5");
  return r;
}

// What answering one request leaves to its connection.
struct Served {
  bool keep_alive = false;
  std::optional<Response> streamed;  // a stream's answer: written until the connection ends
  std::optional<AddressSlots::Slot> stream_slot;  // held for as long as that stream is written
  unsigned version = 11;
};

// Reads one request from `buffer` and the stream, and answers it, but for a streamed answer,
// which it leaves in `out`. A coroutine of its own so that the parser and the request live only
// while one request is served, not in the session's frame while a kept-alive connection idles.
asio::awaitable<void> serve_request(ServerState& s, beast::tcp_stream& stream,
                                    beast::flat_buffer& buffer, const tcp::endpoint& peer,
                                    Served& out) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(s.options.body_limit);
  parser.header_limit(16 * 1024);
  stream.expires_after(s.options.header_timeout);
  auto [header_ec, h] = co_await bhttp::async_read_header(stream, buffer, parser, no_throw);
  if (!header_ec && parser.get()[bhttp::field::expect] == "100-continue") {
    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
    co_await bhttp::async_write(stream, go_on, no_throw);
  }
  // A method Beast does not know is one no route serves: refused before its body is read, and
  // the connection closed, as what follows on it is not worth parsing.
  const bool unknown_method = !header_ec && parser.get().method() == bhttp::verb::unknown;
  beast::error_code body_ec = header_ec;
  if (!body_ec && !unknown_method)
    std::tie(body_ec, std::ignore) = co_await bhttp::async_read(stream, buffer, parser, no_throw);
  const auto started = std::chrono::steady_clock::now();
  if (body_ec) {
    if (body_ec != beast::error::timeout && body_ec != bhttp::error::end_of_stream &&
        body_ec != asio::error::operation_aborted) {
      co_await write_response(stream, protocol_error(body_ec), 11, false);
    }
    co_return;
  }
  const auto& in = parser.get();
  const auto client = client_address(s.options.trusted_proxies, in, peer.address());
  std::string route_name = "invalid_target";
  Response res;
  if (unknown_method) {
    route_name = "unknown_method";
    res = error_response(501, "method_not_implemented",
                         "The method is not one this server implements.");
  } else if (auto request = to_request(in, client)) {
    res = co_await dispatch(s, std::move(*request), route_name);
  } else {
    res = error_response(400, "bad_request", "The request target is invalid.");
  }
  const bool capped = res.stream && (!client.is_loopback() || s.options.limit_loopback);
  if (capped) {
    if (auto slot = s.streams.take(client.to_string()))
      out.stream_slot.emplace(std::move(*slot));
    else
      res = too_many_streams();
  }
  compress_if_accepted(std::string_view(in[bhttp::field::accept_encoding]), res);
  // Recorded before the write, so the figures are there as soon as the client has its answer.
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Cut short for the log: a method can be kilobytes long.
  const std::string method(in.method_string().substr(0, 32));
  s.parts.metrics.observe(method, route_name, res.status, seconds);
  spdlog::info(
      "request method={} target=\"{}\" route=\"{}\" status={} duration_ms={:.3f} "
      "remote={} bytes_in={} bytes_out={}",
      method, loggable_target(in.target()), route_name, res.status, seconds * 1000,
      client.to_string(), in.body().size(), res.body.size());
  out.version = in.version();
  if (res.stream) {
    out.streamed.emplace(std::move(res));
    co_return;
  }
  out.keep_alive = in.keep_alive() && !s.draining && !unknown_method;
  stream.expires_after(s.options.header_timeout);
  co_await write_response(stream, res, in.version(), out.keep_alive);
}

asio::awaitable<void> session(ServerState& s, tcp::socket socket, ConnectionSlot slot) {
  beast::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) co_return;
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  LiveConnection live{&stream.socket()};
  Registration registration(s, live);

  // A connection that has not sent its first request gets only the header timeout: idle sockets
  // are cheap to open, and each holds a descriptor and a place under --max-connections.
  bool first_request = true;
  for (;;) {
    if (buffer.size() == 0) {
      live.idle = true;
      if (s.draining) break;
      stream.expires_after(first_request ? s.options.header_timeout : s.options.idle_timeout);
      auto [read_ec, n] = co_await stream.async_read_some(buffer.prepare(8192), no_throw);
      if (read_ec) break;
      buffer.commit(n);
    }
    live.idle = false;
    first_request = false;
    Served served;
    co_await serve_request(s, stream, buffer, peer, served);
    if (served.streamed) {
      buffer = beast::flat_buffer();  // nothing more is read on this connection
      beast::error_code head_ec;
      co_await write_stream_head(s, stream, *served.streamed, served.version, head_ec);
      if (head_ec) break;
      // The connection goes on as a StreamWriter, which registers before this session ends.
      auto writer = std::make_shared<StreamWriter>(s, stream.release_socket(),
                                                   std::move(served.streamed->stream),
                                                   std::move(slot), std::move(served.stream_slot));
      writer->start(std::move(served.streamed->body));
      co_return;
    }
    if (!served.keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

// co_spawn's completion handler: `detached` would swallow the exception without a trace.
void log_failure(std::exception_ptr e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::error("coroutine failed: {}", ex.what());
  }
}

// Past --max-connections: a short 503 written without waiting (it fits the socket's buffer), then
// the socket is closed, so that a flood costs a descriptor for an instant and no session.
void turn_away(tcp::socket socket) {
  static const std::string reply = [] {
    const std::string body =
        R"({"error":{"code":"server_busy","message":"Too many connections; try again shortly.",)"
        R"("fields":{}}})";
    return "HTTP/1.1 503 Service Unavailable\r\nServer: boxoffice\r\nRetry-After: 1\r\n"
           "Content-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n"
           "Cache-Control: no-store\r\nConnection: close\r\n"
           "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  beast::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(reply), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

// Errors that mean the process or the system is out of descriptors or memory: the connection stays
// in the backlog, so retrying at once only spins a core and floods the log.
bool out_of_resources(const beast::error_code& ec) {
  namespace errc = boost::system::errc;
  return ec == errc::too_many_files_open || ec == errc::too_many_files_open_in_system ||
         ec == errc::no_buffer_space || ec == errc::not_enough_memory;
}

asio::awaitable<void> accept_loop(ServerState& s) {
  asio::steady_timer pause(s.ioc);
  std::chrono::steady_clock::time_point last_report{};
  std::size_t unreported = 0;
  for (;;) {
    auto [ec, socket] = co_await s.acceptor.async_accept(asio::make_strand(s.ioc), no_throw);
    if (ec) {
      if (ec == asio::error::operation_aborted || !s.acceptor.is_open()) co_return;
      if (!out_of_resources(ec)) {
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      // Once per interval, with the count of the failures in between.
      ++unreported;
      const auto now = std::chrono::steady_clock::now();
      if (now - last_report >= std::chrono::seconds(10)) {
        spdlog::warn("accept failed: {} (x{}); pausing accepts for 100 ms at a time", ec.message(),
                     unreported);
        last_report = now;
        unreported = 0;
      }
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(no_throw);
      continue;
    }
    if (s.connections >= s.options.max_connections) {
      turn_away(std::move(socket));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session(s, std::move(socket), ConnectionSlot(s)), log_failure);
  }
}

void begin_shutdown(ServerState& s, int signal_number) {
  spdlog::info("shutdown signal={} draining in-flight requests", signal_number);
  s.draining = true;
  beast::error_code ec;
  s.acceptor.close(ec);
  std::lock_guard lock(s.live_mutex);
  if (s.live.empty()) return;
  s.drain_timer.expires_after(s.options.drain_timeout);
  s.drain_timer.async_wait([&s](beast::error_code wait_ec) {
    if (wait_ec) return;  // cancelled: every connection finished in time
    spdlog::warn("drain timeout: closing connections that are still busy");
    s.ioc.stop();
  });
  for (LiveConnection* c : s.live) {
    asio::post(c->socket->get_executor(), [&s, c] {
      std::lock_guard inner(s.live_mutex);
      if (!s.live.count(c) || !c->idle) return;
      c->socket->close();
      if (c->streaming) c->streaming->cancel();
    });
  }
}

}  // namespace

void serve(const ServerOptions& options, ServerParts parts) {
  ServerState s(options, parts);
  const tcp::endpoint endpoint{asio::ip::make_address(options.host), options.port};
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(asio::socket_base::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen(asio::socket_base::max_listen_connections);

  asio::signal_set signals(s.ioc, SIGINT, SIGTERM);
  signals.async_wait([&s](beast::error_code ec, int signal_number) {
    if (!ec) begin_shutdown(s, signal_number);
  });
  asio::co_spawn(s.ioc, accept_loop(s), log_failure);

  const auto bound = s.acceptor.local_endpoint();
  spdlog::info("ready listen={}:{} database={} io_threads={} pid={}", bound.address().to_string(),
               bound.port(), options.database_name, options.io_threads, ::getpid());

  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  // A storage task can still be letting go of its handle on an I/O executor (its work guard and
  // strand) after the last handler ran; the io_context must outlive that.
  parts.workers.wait_idle();
  parts.password_workers.wait_idle();
  spdlog::info("stopped");
}

}  // namespace boxoffice::http
