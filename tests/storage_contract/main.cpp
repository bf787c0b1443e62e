// Runs the storage contract on one backend: storage_contract_test --backend=sqlite|postgres
#include <gtest/gtest.h>

#include "app/security.hpp"
#include "storage_contract/contract.hpp"

namespace boxoffice {
namespace {
std::string g_backend = "sqlite";
}
const std::string& contract_backend() {
  return g_backend;
}
}  // namespace boxoffice

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--backend=")) boxoffice::g_backend = std::string(arg.substr(10));
  }
  boxoffice::security::initialize();
  return RUN_ALL_TESTS();
}
