#pragma once
#include <memory>
#include <string>

#include "app/storage.hpp"

namespace boxoffice {

// `uri` is a libpq connection URI, e.g. "postgresql://boxoffice@127.0.0.1:5432/boxoffice".
std::unique_ptr<Backend> make_postgres_backend(const std::string& uri);

}  // namespace boxoffice
