#pragma once
// The server as the fuzz targets see it: the real router and handlers on a real SQLite database
// (a file in a temporary folder) seeded with the demo data, behind a synchronous copy of what
// src/http/server.cpp does between "a request has been read" and "here is the response".
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace boxoffice::fuzz {

// Made on first use and kept for the life of the process (never destroyed: its threads run on).
class DemoServer {
 public:
  static DemoServer& get();

  // Routes and answers `request` as the server does: 405, static files and 404 for what no route
  // serves, I/O routes, fast routes, then the storage-backed handler with the bearer token's
  // account. A handler that throws (the server's 500) aborts: bad input must get a 4xx.
  http::Response handle(http::Request request);

  // `text` with each placeholder replaced by its value, so that inputs can name what only exists
  // at run time: @admin, @manager, @buyer (bearer tokens), @venue, @layout, @event (on sale),
  // @event2 (the second show), @type (a ticket type), @hold, @order, @ticket, @queue (a
  // waiting-room token).
  std::string expand(std::string_view text) const;

 private:
  DemoServer();
  struct Parts;
  Parts* parts_;
  std::vector<std::pair<std::string, std::string>> placeholders_;
};

}  // namespace boxoffice::fuzz
