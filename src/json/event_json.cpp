#include "json/event_json.hpp"

#include <boost/json/parse.hpp>

namespace boxoffice::json {
namespace {

using Need = ObjectReader::Need;

std::vector<std::string> read_strings(ObjectReader& r, std::string_view key, std::size_t max_each) {
  std::vector<std::string> out;
  const auto* list = r.array(key, Need::optional);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto* s = (*list)[i].if_string();
    const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (!s)
      r.fail(field, "must be a string");
    else if (s->size() > max_each)
      r.fail(field, "is too long");
    else
      out.emplace_back(*s);
  }
  return out;
}

// For the optional times: absent leaves the value, null clears it.
void read_optional_time(ObjectReader& r, const boost::json::object& o, std::string_view key,
                        std::optional<TimePoint>& into) {
  if (const auto* v = o.if_contains(key); v && v->is_null())
    into.reset();
  else if (auto t = r.time(key, Need::optional))
    into = t;
}

boost::json::array strings(const std::vector<std::string>& list) {
  return boost::json::array(list.begin(), list.end());
}

template <class T>
void set_int(ObjectReader& r, std::string_view key, T& into) {
  if (auto v = r.integer(key, Need::optional)) {
    if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
      r.fail(key, "is out of range");
    else
      into = static_cast<T>(*v);
  }
}

}  // namespace

void read_event_details(ObjectReader& r, EventDetails& d, bool creating) {
  const Need need = creating ? Need::required : Need::optional;
  const boost::json::object& o = r.source();
  if (auto v = r.string("name", need, 200)) d.name = *v;
  if (auto v = r.string("description", Need::optional, 10'000)) d.description = *v;
  if (r.has("performers")) d.performers = read_strings(r, "performers", 200);
  const bool had_close = r.has("sales_close_at");
  if (auto v = r.time("starts_at", need)) d.starts_at = *v;
  read_optional_time(r, o, "doors_at", d.doors_at);
  read_optional_time(r, o, "ends_at", d.ends_at);
  if (auto v = r.string("venue_id", need, 64)) d.venue_id = *v;
  if (auto v = r.string("layout_id", need, 64)) d.layout_id = *v;
  if (auto v = r.time("sales_open_at", need)) d.sales_open_at = *v;
  if (auto v = r.time("sales_close_at", Need::optional))
    d.sales_close_at = *v;
  else if (creating && !had_close)
    d.sales_close_at = d.starts_at;
  if (auto v = r.string("visibility", Need::optional, 16)) {
    if (auto vis = parse_visibility(*v))
      d.visibility = *vis;
    else
      r.fail("visibility", "must be public, hidden or scheduled");
  }
  read_optional_time(r, o, "public_at", d.public_at);
  set_int(r, "max_tickets_per_buyer", d.max_tickets_per_buyer);
  if (auto v = r.string("currency", need, 3 + 10)) d.currency = *v;
  set_int(r, "hold_seconds", d.hold_seconds);
  if (const auto* q = r.object("queue", Need::optional)) {
    ObjectReader qr(*q, r.path("queue"), r.errors());
    qr.reject_unknown({"enabled", "max_active", "auto_threshold", "window_seconds"});
    if (auto v = qr.boolean("enabled", Need::optional)) d.queue.enabled = *v;
    set_int(qr, "max_active", d.queue.max_active);
    set_int(qr, "auto_threshold", d.queue.auto_threshold);
    set_int(qr, "window_seconds", d.queue.window_seconds);
  }
  if (const auto* caps = r.object("section_caps", Need::optional)) {
    ObjectReader cr(*caps, r.path("section_caps"), r.errors());
    d.section_caps.clear();
    for (const auto& [key, value] : *caps)
      if (auto n = cr.integer(key, Need::required)) d.section_caps[std::string(key)] = *n;
  }
}

boost::json::object details_to_json(const EventDetails& d) {
  boost::json::object caps;
  for (const auto& [k, v] : d.section_caps) caps[k] = v;
  boost::json::object o{{"name", d.name},
                        {"description", d.description},
                        {"performers", strings(d.performers)},
                        {"starts_at", format_rfc3339(d.starts_at)},
                        {"venue_id", d.venue_id},
                        {"layout_id", d.layout_id},
                        {"sales_open_at", format_rfc3339(d.sales_open_at)},
                        {"sales_close_at", format_rfc3339(d.sales_close_at)},
                        {"visibility", to_string(d.visibility)},
                        {"max_tickets_per_buyer", d.max_tickets_per_buyer},
                        {"currency", d.currency},
                        {"hold_seconds", d.hold_seconds},
                        {"queue",
                         {{"enabled", d.queue.enabled},
                          {"max_active", d.queue.max_active},
                          {"auto_threshold", d.queue.auto_threshold},
                          {"window_seconds", d.queue.window_seconds}}},
                        {"section_caps", std::move(caps)}};
  if (d.doors_at) o["doors_at"] = format_rfc3339(*d.doors_at);
  if (d.ends_at) o["ends_at"] = format_rfc3339(*d.ends_at);
  if (d.public_at) o["public_at"] = format_rfc3339(*d.public_at);
  return o;
}

EventDetails details_from_document(std::string_view document) {
  const auto value = boost::json::parse(document);
  FieldErrors errors;
  ObjectReader r(value.as_object(), "", errors);
  EventDetails d;
  read_event_details(r, d, false);
  if (!errors.empty())
    throw std::runtime_error("stored event is corrupt: " + errors.begin()->first + " " +
                             errors.begin()->second);
  return d;
}

boost::json::object event_to_json(const Event& e, TimePoint now) {
  boost::json::object o = details_to_json(e);
  o["id"] = e.id;
  o["layout_version"] = e.layout_version;
  o["status"] = to_string(e.status);
  o["sales_open"] = sales_open(e, now).ok();
  o["revision"] = e.revision;
  o["created_at"] = format_rfc3339(e.created_at);
  o["updated_at"] = format_rfc3339(e.updated_at);
  return o;
}

boost::json::object sale_status_to_json(const Event& e, TimePoint now) {
  return {{"status", to_string(e.status)},
          {"sales_open", sales_open(e, now).ok()},
          {"sales_open_at", format_rfc3339(e.sales_open_at)},
          {"sales_close_at", format_rfc3339(e.sales_close_at)}};
}

void read_ticket_type(ObjectReader& r, TicketType& t, bool creating) {
  const Need need = creating ? Need::required : Need::optional;
  if (auto v = r.string("name", need, 100)) t.name = *v;
  if (auto v = r.integer("price", need)) t.price = *v;
  if (r.has("sections")) t.sections = read_strings(r, "sections", 64);
  const boost::json::object& o = r.source();
  if (const auto* q = o.if_contains("quota"); q && q->is_null())
    t.quota.reset();
  else if (auto v = r.integer("quota", Need::optional))
    t.quota = *v;
  if (const auto* fees = r.array("fees", Need::optional)) {
    t.fees.clear();
    for (std::size_t i = 0; i < fees->size(); ++i) {
      const std::string path = r.path("fees") + "[" + std::to_string(i) + "]";
      const auto* f = (*fees)[i].if_object();
      if (!f) {
        r.errors()[path] = "must be an object such as {\"name\",\"kind\",\"amount\"}";
        continue;
      }
      ObjectReader fr(*f, path, r.errors());
      fr.reject_unknown({"name", "kind", "amount"});
      Fee fee;
      fee.name = fr.string("name", Need::required, 100).value_or("");
      const auto kind = fr.string("kind", Need::required, 16);
      if (kind == "percent")
        fee.kind = FeeKind::percent;
      else if (kind && *kind != "fixed")
        fr.fail("kind", "must be fixed or percent");
      fee.amount = fr.integer("amount", Need::required).value_or(0);
      t.fees.push_back(std::move(fee));
    }
  }
  if (const auto* levels = r.array("price_levels", Need::optional)) {
    t.levels.clear();
    for (std::size_t i = 0; i < levels->size(); ++i) {
      const std::string path = r.path("price_levels") + "[" + std::to_string(i) + "]";
      const auto* l = (*levels)[i].if_object();
      if (!l) {
        r.errors()[path] = "must be an object such as {\"sections\",\"rows\",\"price\"}";
        continue;
      }
      ObjectReader lr(*l, path, r.errors());
      lr.reject_unknown({"sections", "rows", "price"});
      PriceLevel level;
      level.sections = read_strings(lr, "sections", 64);
      level.rows = read_strings(lr, "rows", kMaxLabelLength);
      level.price = lr.integer("price", Need::required).value_or(0);
      t.levels.push_back(std::move(level));
    }
  }
}

boost::json::object ticket_type_to_json(const TicketType& t) {
  boost::json::array fees, levels;
  for (const auto& f : t.fees)
    fees.push_back({{"name", f.name},
                    {"kind", f.kind == FeeKind::percent ? "percent" : "fixed"},
                    {"amount", f.amount}});
  for (const auto& l : t.levels)
    levels.push_back(
        {{"sections", strings(l.sections)}, {"rows", strings(l.rows)}, {"price", l.price}});
  boost::json::object o{{"id", t.id},
                        {"event_id", t.event_id},
                        {"name", t.name},
                        {"price", t.price},
                        {"sections", strings(t.sections)},
                        {"fees", std::move(fees)},
                        {"price_levels", std::move(levels)},
                        {"created_at", format_rfc3339(t.created_at)}};
  if (t.quota) o["quota"] = *t.quota;
  return o;
}

TicketType ticket_type_from_document(std::string_view document) {
  const auto value = boost::json::parse(document);
  const auto& o = value.as_object();
  FieldErrors errors;
  ObjectReader r(o, "", errors);
  TicketType t;
  read_ticket_type(r, t, false);
  t.id = r.string("id", Need::required).value_or("");
  t.event_id = r.string("event_id", Need::required).value_or("");
  t.created_at = r.time("created_at", Need::required).value_or(TimePoint{});
  if (!errors.empty())
    throw std::runtime_error("stored ticket type is corrupt: " + errors.begin()->first);
  return t;
}

boost::json::object block_to_json(const Block& b) {
  boost::json::object o{{"id", b.id},
                        {"event_id", b.event_id},
                        {"section", b.section},
                        {"reason", b.reason},
                        {"created_at", format_rfc3339(b.created_at)},
                        {"created_by", b.created_by}};
  if (b.seats.empty())
    o["quantity"] = b.quantity;
  else
    o["seats"] = strings(b.seats);
  return o;
}

boost::json::object counts_to_json(const SectionCounts& c) {
  boost::json::object o{{"key", c.key},
                        {"kind", c.kind == SectionKind::standing ? "standing" : "seated"},
                        {"places", c.places},
                        {"blocked", c.blocked},
                        {"held", c.held},
                        {"sold", c.sold},
                        {"available", c.available()}};
  if (c.cap) o["cap"] = *c.cap;
  return o;
}

boost::json::object availability_to_json(const SectionCounts& c) {
  return {{"key", c.key},         {"kind", c.kind == SectionKind::standing ? "standing" : "seated"},
          {"capacity", c.places}, {"available", c.available()},
          {"held", c.held},       {"sold", c.sold}};
}

boost::json::object totals_to_json(const std::vector<SectionCounts>& counts) {
  std::int64_t places = 0, available = 0, held = 0, sold = 0, blocked = 0;
  for (const auto& c : counts) {
    places += c.places;
    available += c.available();
    held += c.held;
    sold += c.sold;
    blocked += c.blocked;
  }
  return {{"places", places},
          {"available", available},
          {"held", held},
          {"sold", sold},
          {"blocked", blocked}};
}

}  // namespace boxoffice::json
