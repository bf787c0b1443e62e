#pragma once
// Shared set-up for the event, ticket type and capacity suites: a venue with a layout in force
// since a month ago, events at times relative to now, and short request helpers.
#include <time.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "integration/fixture.hpp"

namespace boxoffice::testing {
namespace json = boost::json;

using Clock = std::chrono::system_clock;

// One "now" for the whole run, in whole seconds, so times built from it compare exactly.
inline const Clock::time_point kTestNow = std::chrono::floor<std::chrono::seconds>(Clock::now());

inline std::string rfc3339(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// kTestNow + `days` (fractions allowed), as RFC 3339 UTC.
inline std::string at(double days) {
  return rfc3339(kTestNow + std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::duration<double>(days * 86400.0)));
}

// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z" (what the server answers) to whole seconds since the epoch.
inline long long epoch_seconds(std::string_view text) {
  std::tm tm{};
  const std::string s(text);
  if (!strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return -1;
  return static_cast<long long>(timegm(&tm));
}
inline long long epoch_seconds(const json::value& object, const char* key) {
  return epoch_seconds(object.at(key).as_string());
}

inline std::string unique_name(const std::string& prefix) {
  static int n = 0;
  return prefix + " " + std::to_string(++n);
}

// The error code of an error answer, or a marker that makes the assertion message useful.
inline std::string error_code(const HttpResult& r) {
  if (!r.json().is_object() || !r.json().as_object().contains("error")) return "<no error body>";
  const auto* code = r.json().at("error").as_object().if_contains("code");
  return code && code->is_string() ? std::string(code->as_string()) : "<no code>";
}

inline bool names_field(const HttpResult& r, const std::string& field) {
  if (!r.json().is_object()) return false;
  const auto* error = r.json().as_object().if_contains("error");
  if (!error || !error->is_object()) return false;
  const auto* fields = error->as_object().if_contains("fields");
  return fields && fields->is_object() && fields->as_object().contains(field);
}

inline std::string field_message(const HttpResult& r, const std::string& field) {
  if (!names_field(r, field)) return "";
  const auto& v = r.json().at("error").at("fields").at(field);
  return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
}

inline std::set<std::string> ids_of(const json::value& list) {
  std::set<std::string> out;
  for (const auto& item : list.as_array()) out.insert(std::string(item.at("id").as_string()));
  return out;
}

inline json::value parse(const char* text) { return json::parse(text); }

struct Place {
  std::string venue;
  std::string layout;
};

// The sections used by default: "stalls" (rows A and B of 10 seats, row C of 4: 24 seats),
// "balcony" (one row of 6) and a standing "floor" of 100.
inline json::array default_sections() {
  return parse(R"([
      {"key": "stalls", "name": "Stalls", "kind": "seated",
       "rows": [{"label": "A", "from": 1, "to": 10},
                {"label": "B", "from": 1, "to": 10},
                {"label": "C", "seats": ["1", "2", "3", "4"]}]},
      {"key": "balcony", "name": "Balcony", "kind": "seated",
       "rows": [{"label": "A", "from": 1, "to": 6}]},
      {"key": "floor", "name": "Floor", "kind": "standing", "capacity": 100}
    ])")
      .as_array();
}
inline constexpr std::int64_t kDefaultPlaces = 24 + 6 + 100;

class EventFixture : public ServerTest {
 protected:
  static std::vector<std::pair<std::string, std::string>> auth(const std::string& token) {
    if (token.empty()) return {};
    return {{"Authorization", "Bearer " + token}};
  }
  static HttpResult patch(const std::string& target, const json::value& body,
                          const std::string& token) {
    return client().request("PATCH", target, json::serialize(body), auth(token));
  }

  static std::string account_id(const std::string& token) {
    auto r = client().get("/api/v1/accounts/me", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? str(r.json(), "id") : "";
  }

  // A new venue with one layout whose version 1 took effect `since_days` ago (negative: in the past).
  static Place make_place(const std::string& name, json::array sections = default_sections(),
                          double effective_days = -30) {
    auto c = client();
    auto venue = c.post("/api/v1/venues",
                        {{"name", unique_name(name)}, {"address", "1 Test Street"}, {"timezone", "UTC"}},
                        manager_token());
    EXPECT_EQ(venue.status, 201) << venue.body;
    if (venue.status != 201) return {};
    Place place{str(venue.json(), "id"), ""};
    auto layout = c.post("/api/v1/venues/" + place.venue + "/layouts",
                         {{"name", "Concert"},
                          {"effective_from", at(effective_days)},
                          {"sections", std::move(sections)}},
                         manager_token());
    EXPECT_EQ(layout.status, 201) << layout.body;
    if (layout.status == 201) place.layout = str(layout.json(), "id");
    return place;
  }

  static HttpResult add_version(const Place& place, double effective_days, json::array sections) {
    return client().post(
        "/api/v1/venues/" + place.venue + "/layouts/" + place.layout + "/versions",
        {{"effective_from", at(effective_days)}, {"sections", std::move(sections)}},
        manager_token());
  }

  // The smallest valid event body: starts in `start_days`, sales open tomorrow.
  static json::object event_body(const Place& place, const std::string& name,
                                 double start_days = 30) {
    return {{"name", name},
            {"starts_at", at(start_days)},
            {"venue_id", place.venue},
            {"layout_id", place.layout},
            {"sales_open_at", at(1)},
            {"currency", "EUR"}};
  }

  static HttpResult post_event(const json::object& body, const std::string& token) {
    return client().post("/api/v1/events", body, token);
  }

  // Creates an event from event_body with `overrides` applied; returns its JSON (empty on failure).
  static json::object create_event(const Place& place, const std::string& name,
                                   const json::object& overrides = {}, double start_days = 30) {
    json::object body = event_body(place, name, start_days);
    for (const auto& [k, v] : overrides) body[k] = v;
    auto r = post_event(body, manager_token());
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201 || !r.json().is_object()) return {};
    return r.json().as_object();
  }

  static std::string event_path(const std::string& id) { return "/api/v1/events/" + id; }

  static HttpResult act(const std::string& id, const std::string& action,
                        const json::object& body = {}, const std::string& token = "") {
    return client().post(event_path(id) + "/" + action, body,
                         token.empty() ? manager_token() : token);
  }

  static HttpResult add_ticket_type(const std::string& event, const json::object& body) {
    return client().post(event_path(event) + "/ticket-types", body, manager_token());
  }

  // A draft made ready to publish: it has one ticket type valid everywhere.
  static std::string ready_event(const Place& place, const std::string& name,
                                 const json::object& overrides = {}, double start_days = 30) {
    auto ev = create_event(place, name, overrides, start_days);
    if (!ev.contains("id")) return "";
    const std::string id(ev.at("id").as_string());
    auto tt = add_ticket_type(id, {{"name", "Standard"}, {"price", 4500}});
    EXPECT_EQ(tt.status, 201) << tt.body;
    return id;
  }

  // An event on sale.
  static std::string published_event(const Place& place, const std::string& name,
                                     const json::object& overrides = {}, double start_days = 30) {
    const std::string id = ready_event(place, name, overrides, start_days);
    if (id.empty()) return id;
    auto r = act(id, "publish");
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  static HttpResult get_event(const std::string& id, const std::string& token = "") {
    return client().get(event_path(id), token);
  }
};

}  // namespace boxoffice::testing
