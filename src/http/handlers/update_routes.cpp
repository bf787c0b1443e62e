// The live updates of an event's places, as server-sent events: a "snapshot" of every section's
// counts, then an "update" for each batch of changes (the seats that changed and their sections'
// counts). Each message's id is the event's feed seq, the same on every node, so a client that
// reconnects with Last-Event-ID gets what it missed, or a fresh snapshot when that is too old.
// A "status" message (no id: the event's status is read whole, not replayed) comes first and
// whenever the event's sales change: a manager pauses, resumes, closes, cancels or moves the sale
// window (on any node: the feed's event change reaches every node), or sales open or close by the
// clock (LiveEvent::tick).
// With ?queue_token=, the stream also sends a "queue" message (no id: it is not part of the
// feed) whenever that buyer's place in the waiting room changes.
#include <boost/json/serialize.hpp>
#include <charconv>

#include "app/events.hpp"
#include "app/queues.hpp"
#include "http/json_io.hpp"
#include "http/queue_json.hpp"
#include "http/routes.hpp"
#include "json/event_json.hpp"

namespace boxoffice::http {
namespace {

// How long a browser waits before reconnecting after the stream breaks.
constexpr std::string_view kRetry = "retry: 2000\n\n";

std::string message(std::string_view name, std::int64_t seq, const boost::json::object& data) {
  return "id: " + std::to_string(seq) + "\nevent: " + std::string(name) +
         "\ndata: " + boost::json::serialize(data) + "\n\n";
}

std::string snapshot(const LiveEvent& live) {
  return live.read([](const EventInventory& i) {
    boost::json::array sections;
    for (const auto& c : i.counts()) sections.push_back(json::availability_to_json(c));
    const auto seq = i.state.seq();
    return message("snapshot", seq, {{"seq", seq}, {"sections", std::move(sections)}});
  });
}

std::string update(const LiveUpdate& u) {
  boost::json::array seats;
  for (const auto& [id, state] : u.seats)
    seats.push_back({{"id", id}, {"state", to_string(state)}});
  boost::json::array sections;
  for (const auto& c : u.sections) sections.push_back(json::availability_to_json(c));
  return message("update", u.seq,
                 {{"seq", u.seq}, {"seats", std::move(seats)}, {"sections", std::move(sections)}});
}

std::optional<std::int64_t> last_event_id(const Request& request) {
  const auto text = request.header("Last-Event-ID");
  std::int64_t seq = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seq);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seq < 0)
    return std::nullopt;  // absent or not ours: start from a snapshot
  return seq;
}

// Sends `text` as the message `name` (no id) when it differs from what was last sent. What was sent
// is kept as a 64-bit hash, not a copy: every open stream keeps one (bench/stadium.sh: bytes per
// stream), and two different texts in a row sharing a hash is too unlikely to weigh.
class Changes {
 public:
  std::string next(std::string_view name, const std::string& text) {
    const auto hash = std::hash<std::string>{}(text);
    if (last_ && *last_ == hash) return "";
    last_ = hash;
    return "event: " + std::string(name) + "\ndata: " + text + "\n\n";
  }

 private:
  std::optional<std::size_t> last_;
};

// The event's sales as a "status" message when they differ from the last one sent; read again only
// when they may have changed, as a seat change wakes every watcher of a sale.
class StatusFollower {
 public:
  explicit StatusFollower(const Clock& clock) : clock_(clock) {}
  std::string next(const LiveEvent& event) {
    const auto generation = event.sales_generation();  // before the read: a later change shows
    if (generation == read_at_) return "";
    read_at_ = generation;
    auto status = event.read(
        [&](const EventInventory& i) { return json::sale_status_to_json(i.event, clock_.now()); });
    return sent_.next("status", boost::json::serialize(status));
  }

 private:
  const Clock& clock_;
  std::optional<std::uint64_t> read_at_;  // the sales generation of the last read
  Changes sent_;
};

// The buyer's status as a "queue" message when it differs from the last one sent.
class QueueFollower {
 public:
  QueueFollower(const AppEnv& env, std::string token) : env_(env), token_(std::move(token)) {}
  std::string next() {
    auto status = queues::status_in_memory(env_, token_);
    if (!status || !*status) return "";
    return sent_.next("queue", queue_status_text(status->value()));
  }

 private:
  const AppEnv& env_;
  std::string token_;
  Changes sent_;
};

// What one stream follows: the event's places and sales and, with a queue token, the buyer's place
// in line. One object per stream, as ten thousand may be open at once (bench/stadium.sh).
struct Follow {
  Follow(std::shared_ptr<LiveEvent> e, const Clock& clock) : event(std::move(e)), sales(clock) {}
  std::string next() {
    auto pending = watcher->take();
    std::string out = pending.resync ? snapshot(*event) : "";
    for (const auto& u : pending.updates) out += u->encoded(update);
    out += sales.next(*event);
    if (queue) out += queue->next();
    return out;
  }

  std::shared_ptr<LiveEvent> event;
  std::shared_ptr<Watcher> watcher;
  StatusFollower sales;
  std::optional<QueueFollower> queue;
  std::shared_ptr<void> queue_watch;
};

Response updates(Context& ctx) {
  auto live = events::live(ctx.storage, ctx.env, ctx.account, ctx.request.param("event"));
  if (!live) return error_response(live.error());
  auto stream = std::make_shared<Stream>();
  auto wake = [weak = std::weak_ptr<Stream>(stream)] {
    if (auto s = weak.lock()) s->wake();
  };
  auto follow = std::make_shared<Follow>(live.value(), ctx.env.clock);
  follow->watcher = live.value()->watch(last_event_id(ctx.request), wake);
  if (const auto token = ctx.request.query_param("queue_token")) {
    auto status = queues::status(ctx.storage, ctx.env, *token);
    if (!status) return error_response(status.error());
    if (status->event_id != live.value()->read([](const EventInventory& i) { return i.event.id; }))
      return error_response(Error{ErrorKind::invalid,
                                  "validation_failed",
                                  "The queue token belongs to another event.",
                                  {{"queue_token", "belongs to another event"}}});
    follow->queue.emplace(ctx.env, *token);
    follow->queue_watch = ctx.env.queues->current(ctx.storage, status->event_id)->watch(wake);
  }
  Response r;
  r.content_type = "text/event-stream";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Accel-Buffering", "no");  // proxies must not hold the stream back
  r.body = std::string(kRetry) + follow->sales.next(*follow->event) +
           (follow->queue ? follow->queue->next() : "");
  stream->next = [follow] { return follow->next(); };
  r.stream = std::move(stream);
  return r;
}

}  // namespace

void add_update_routes(Router& router) {
  router.add("GET", "/api/v1/events/{event}/updates", updates);
}

}  // namespace boxoffice::http
