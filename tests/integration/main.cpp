// Runs the HTTP integration suites against a real server binary:
//   integration_test --backend=sqlite|postgres --server=PATH/boxoffice
#include <gtest/gtest.h>

#include "integration/fixture.hpp"

namespace boxoffice::testing {
std::string g_backend = "sqlite";
std::string g_server;
}  // namespace boxoffice::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--backend=")) boxoffice::testing::g_backend = arg.substr(10);
    if (arg.starts_with("--server=")) boxoffice::testing::g_server = arg.substr(9);
  }
  if (boxoffice::testing::g_server.empty()) {
    std::fprintf(stderr, "usage: integration_test --backend=sqlite|postgres --server=PATH\n");
    return 2;
  }
  return RUN_ALL_TESTS();
}
