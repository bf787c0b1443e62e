#pragma once
// A layout version's sections and stage are stored as JSON documents (a version never changes once
// written); both backends read and write them here, so that only their SQL differs.
#include <optional>
#include <string>
#include <vector>

#include "domain/layout.hpp"

namespace boxoffice::storage {

std::string sections_column(const LayoutVersion& version);
// The stage column: empty (NULL) when the version has no stage.
std::optional<std::string> stage_column(const LayoutVersion& version);

// Throw StorageError if a stored document no longer reads.
std::vector<Section> read_sections(const std::string& document);
std::optional<Stage> read_stage(const std::optional<std::string>& document);

}  // namespace boxoffice::storage
