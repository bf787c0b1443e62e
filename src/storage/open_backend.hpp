#pragma once
#include <memory>
#include <string>

#include "app/storage.hpp"

namespace boxoffice {

// "sqlite:PATH" (the file is created if missing) or a libpq URI "postgresql://user@host/db".
// Throws StorageError for anything else, naming the accepted forms.
std::unique_ptr<Backend> open_backend(const std::string& url);

}  // namespace boxoffice
