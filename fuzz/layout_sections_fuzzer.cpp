// Layout definitions with row shorthands: a JSON document (a "sections" array, or an object with
// one) read as the API and storage read it, then checked by the domain. A layout that passes must
// come back unchanged from its stored form, as storage reads it again on every start.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "domain/layout.hpp"
#include "json/layout_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace boxoffice;
  boost::system::error_code ec;
  const boost::json::value value =
      boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
  if (ec) return 0;
  const boost::json::array* sections = value.if_array();
  if (const auto* object = value.if_object()) {
    if (const auto* inner = object->if_contains("sections")) sections = inner->if_array();
  }
  if (!sections) return 0;

  FieldErrors errors;
  const auto parsed = json::parse_sections(*sections, errors);
  if (!errors.empty()) return 0;
  if (!validate_sections(parsed).empty()) return 0;

  const auto stored = json::sections_document(parsed);
  FieldErrors again;
  const auto back = json::parse_sections(stored, again);
  const auto restored = json::sections_document(back);
  if (!again.empty() || !validate_sections(back).empty() || restored != stored) {
    std::fprintf(stderr, "a valid layout does not survive its stored form:\n%s\n%s\n",
                 boost::json::serialize(stored).c_str(), boost::json::serialize(restored).c_str());
    std::abort();
  }
  return 0;
}
