#pragma once
// The JSON form of layouts, shared by the API and by storage (which keeps sections as a document,
// since a layout version never changes once written).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "domain/layout.hpp"

namespace boxoffice::json {

// Reads "sections" from an API body or a stored document, expanding the row shorthand
// {"label":"A","from":1,"to":20}. Problems go to `errors` under "sections[i]...".
std::vector<Section> parse_sections(const boost::json::array& sections, FieldErrors& errors);

// The stored form: every seat spelled out, nothing derived.
boost::json::array sections_document(const std::vector<Section>& sections);

// Reads a layout version's "stage" object; problems go to `errors` under "stage.<field>".
std::optional<Stage> parse_stage(const boost::json::object& stage, FieldErrors& errors);
// The stage as the API shows it and storage keeps it.
boost::json::object stage_document(const Stage& stage);

// The API form: the stored form plus derived totals.
boost::json::object version_to_json(const LayoutVersion& version);
boost::json::object layout_to_json(const Layout& layout, bool with_versions);

}  // namespace boxoffice::json
