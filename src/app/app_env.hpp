#pragma once
#include <chrono>
#include <string>

#include "app/clock.hpp"
#include "app/login_throttle.hpp"
#include "app/payment.hpp"
#include "domain/venue.hpp"

namespace boxoffice {

class HoldWriter;
class LiveInventory;
class LiveQueues;
class SessionCache;
class StorageWorkers;

// Where a request comes from, for per-address limits: the client's address as the server
// established it (see --trusted-proxies).
struct Client {
  std::string address;
  bool loopback = false;
};

// What the use cases need besides a storage connection; shared by all threads.
struct AppEnv {
  const Clock& clock;
  LoginThrottle& throttle;
  TimeZoneCheck known_timezone;
  std::chrono::seconds session_ttl{12 * 3600};
  PaymentProvider* payments = nullptr;
  std::string public_url = "http://localhost:8080";  // where links in messages point
  LiveInventory* live = nullptr;                     // wherever requests are served
  LiveQueues* queues = nullptr;                      // likewise
  HoldWriter* hold_writer = nullptr;                 // likewise: where holds are placed
  StorageWorkers* workers = nullptr;                 // likewise: where requests' storage work runs
  SessionCache* sessions = nullptr;  // sessions recently looked up; none: always ask storage
  // Joins of waiting rooms, counted with the same sliding window as failed sign-ins.
  LoginThrottle* join_throttle = nullptr;
  // Holds placed per client address; none: unlimited.
  LoginThrottle* hold_throttle = nullptr;
};

// IANA time zone names as the operating system's tz database knows them.
bool is_iana_timezone(std::string_view name);

}  // namespace boxoffice
