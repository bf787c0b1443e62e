#pragma once
#include <memory>
#include <string>

#include "app/storage.hpp"

namespace boxoffice {

// `spec` is a file path, optionally followed by "?sync=full" to fsync every commit (survives a
// power cut) instead of the default "normal" (survives a crash of the process).
std::unique_ptr<Backend> make_sqlite_backend(const std::string& spec);

}  // namespace boxoffice
