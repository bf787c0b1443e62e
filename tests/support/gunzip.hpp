#pragma once
// Reads back what the server gzipped, to compare it with the answer it stands for.
#include <string>

namespace boxoffice::testing {

// The data of one gzip member; fails the running test when `data` is not one.
std::string gunzip(const std::string& data);

}  // namespace boxoffice::testing
