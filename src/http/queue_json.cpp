#include "http/queue_json.hpp"

#include <charconv>
#include <optional>

#include "domain/time.hpp"

namespace boxoffice::http {
namespace {

// `value` as a JSON string, escaped as boost::json::serialize does (the rest of the API), but
// appended in place: serialize returns a string of its own, an allocation per field and poll.
void append_quoted(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // where the characters not appended yet begin
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(value, plain, i - plain);
    plain = i + 1;
    out += '\\';
    if (byte == '"' || byte == '\\') {
      out += value[i];
    } else if (const auto at = std::string_view("\b\t\n\f\r").find(value[i]);
               at != std::string_view::npos) {
      out += "btnfr"[at];
    } else {
      out += "u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  out.append(value, plain);
  out += '"';
}

// Written directly rather than through a boost::json::object: the status is polled by every
// buyer in line, and the object's allocations and key lookups were a share of each poll.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) { out_ += '{'; }
  ~Writer() { out_ += '}'; }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void text(const char* key, std::string_view value) {
    name(key);
    append_quoted(out_, value);
  }
  void number(const char* key, std::optional<std::int64_t> value) {
    name(key);
    if (!value) {
      out_ += "null";
      return;
    }
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, *value).ptr;
    out_.append(digits, end);
  }
  void boolean(const char* key, bool value) {
    name(key);
    out_ += value ? "true" : "false";
  }
  // A nested object, written by `fill` on a writer of its own.
  template <class Fill>
  void object(const char* key, Fill fill) {
    name(key);
    Writer inner(out_);
    fill(inner);
  }

 private:
  void name(const char* key) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;
    out_ += "\":";
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string queue_status_text(const queues::Status& s) {
  std::string out;
  out.reserve(320);
  {
    Writer w(out);
    w.text("token", s.token);
    w.text("event_id", s.event_id);
    w.number("number", s.number);
    w.text("state", s.state);
    w.boolean("drawn", s.drawn);
    w.number("position", s.position);
    w.number("estimated_wait_seconds", s.estimated_wait_seconds);
    if (s.position) w.number("ahead", *s.position - 1);
    if (s.admitted_until) w.text("admitted_until", format_rfc3339(*s.admitted_until));
    if (s.started) w.boolean("started", *s.started);
    if (s.odds) {
      w.object("odds", [&s](Writer& o) {
        o.number("places_left", s.odds->places_left);
        o.number("buyers_ahead_who_can_buy", s.odds->buyers_ahead_who_can_buy);
        o.text("likely", to_string(s.odds->likely));
      });
    }
  }
  return out;
}

}  // namespace boxoffice::http
