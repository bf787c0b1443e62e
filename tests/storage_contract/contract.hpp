#pragma once
// The backend the storage contract runs against, from `--backend=sqlite|postgres`.
#include <string>

namespace boxoffice {
const std::string& contract_backend();
}
