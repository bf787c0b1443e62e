#include "storage/layout_documents.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/storage.hpp"
#include "json/layout_json.hpp"

namespace boxoffice::storage {
namespace {

[[noreturn]] void corrupt(const char* what, const FieldErrors& errors) {
  throw StorageError(std::string("stored layout ") + what +
                     " is corrupt: " + errors.begin()->first + " " + errors.begin()->second);
}

}  // namespace

std::string sections_column(const LayoutVersion& version) {
  return boost::json::serialize(json::sections_document(version.sections));
}

std::optional<std::string> stage_column(const LayoutVersion& version) {
  if (!version.stage) return std::nullopt;
  return boost::json::serialize(json::stage_document(*version.stage));
}

std::vector<Section> read_sections(const std::string& document) {
  FieldErrors errors;
  auto sections = json::parse_sections(boost::json::parse(document).as_array(), errors);
  if (!errors.empty()) corrupt("sections", errors);
  return sections;
}

std::optional<Stage> read_stage(const std::optional<std::string>& document) {
  if (!document) return std::nullopt;
  FieldErrors errors;
  auto stage = json::parse_stage(boost::json::parse(*document).as_object(), errors);
  if (!errors.empty()) corrupt("stage", errors);
  return stage;
}

}  // namespace boxoffice::storage
