// The data the scenarios need, made through the public API on a fresh server: one venue, two
// layouts, on-sale events, and signed-in buyers. Saved as JSON so `run` can reuse it.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "http_client.hpp"

namespace bench {

// A seated layout of equal sections and rows, so the i-th seat can be named without asking the
// server: section "<prefix><k>", rows "R1".., seats "1"..
struct Shape {
  std::string prefix;
  int sections;
  int rows;
  int seats;

  int places() const { return sections * rows * seats; }
  std::string seat(int i) const;
  boost::json::object layout_json(const std::string& name) const;
};

inline const Shape kBigShape{"s", 10, 20, 100};  // 20,000 seats
inline const Shape kSmallShape{"c", 1, 10, 20};  // 200 seats, for the contended scenario

// The server caps max_tickets_per_buyer at 100 and holds_unique/hold_purchase give seat i to buyer
// i % buyers, so a 20,000-seat event needs at least this many buyers to be sold out.
constexpr int kMinBuyers = 200;

struct EventRef {
  std::string id;
  std::string ticket_type_id;
};

struct Buyer {
  std::string email;
  std::string token;
};

struct Setup {
  std::vector<Buyer> buyers;
  EventRef availability;            // big, untouched: what a buyer's page reads
  std::vector<EventRef> unique;     // big, for holds_unique
  std::vector<EventRef> purchase;   // big, for hold_purchase
  std::vector<EventRef> contended;  // one small event (a list, like the others it is checked by)
};

struct SetupOptions {
  std::string manager_email;
  std::string manager_password;
  int buyers = 256;
  int unique_events = 3;
  int purchase_events = 1;
  // Registration and sign-in each hash a password with Argon2id (tens of ms of CPU): a few at a
  // time keep the server's database threads busy without queueing hundreds of requests.
  int concurrency = 8;
};

// When each part was done, in seconds from the start: events and buyers are made at once.
struct SetupTimings {
  double events_seconds = 0;
  double buyers_seconds = 0;
};

Setup create_setup(const Server& server, asio::io_context& io, const SetupOptions& options,
                   SetupTimings& timings);

// A published event of kSmallShape with a waiting room that lets at most `max_active` buyers in
// at once, whose sales open a day from now. Only the manager fields of `options` are used.
EventRef create_queue_event(const Server& server, asio::io_context& io, const SetupOptions& options,
                            int max_active);

// A published event of kBigShape on sale now, and a manager's token, who may block its seats.
struct WatchedEvent {
  EventRef event;
  std::string token;
};
WatchedEvent create_watched_event(const Server& server, asio::io_context& io,
                                  const SetupOptions& options);

boost::json::value to_json(const Setup& setup);
Setup setup_from_json(const boost::json::value& json);

}  // namespace bench
