#pragma once
// Demo data: a realistic arena of about 20,000 places, so that a fresh install has something to
// look at and to load-test.
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::demo {

struct Credentials {
  std::string role;
  std::string email;
  std::string password;
};

// Seeds an empty database (no venues yet) and returns the demo sign-ins it created; returns an
// empty list and changes nothing if the database already has venues.
Result<std::vector<Credentials>> seed(Storage& storage, const AppEnv& env);

// The arena's sections: a standing floor (or seated floor blocks) inside two seated bowls.
std::vector<Section> arena_sections(bool standing_floor);

}  // namespace boxoffice::demo
