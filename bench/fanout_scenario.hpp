// Fan-out of the updates stream: thousands of buyers watch one event's updates
// (GET /events/{id}/updates, server-sent events) while a manager changes one seat at a time;
// each change's latency is the time from sending the change to each watcher reading its
// "update" message. Also the server's memory per open stream.
#pragma once

#include <string>

#include "http_client.hpp"

namespace bench {

struct FanoutOptions {
  int watchers = 10'000;
  int changes = 20;  // one seat blocked at a time, each after every watcher had the last one
  std::string label;
  int server_pid = 0;  // when known: its memory per open stream is reported
};

// Runs the scenario against `event_id` (on sale, with the shape kBigShape; `token` a manager's).
// Prints one key=value line; returns whether every watcher connected and read every change.
bool run_fanout(const Server& server, const std::string& event_id, const std::string& token,
                const FanoutOptions& options);

}  // namespace bench
