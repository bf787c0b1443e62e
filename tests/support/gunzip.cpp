#include "support/gunzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace boxoffice::testing {

std::string gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);  // 16: a gzip header, not zlib's
  std::string out;
  char chunk[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    status = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
  }
  EXPECT_EQ(status, Z_STREAM_END) << "not one whole gzip member";
  inflateEnd(&z);
  return out;
}

}  // namespace boxoffice::testing
