#include "http/compression.hpp"

#include <gtest/gtest.h>

#include "support/gunzip.hpp"

namespace boxoffice::http {
namespace {

using boxoffice::testing::gunzip;

std::string header(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(AcceptsGzip, ListedCodingsWithoutQZero) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000, *"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.001"));
}

TEST(Compression, LargeTextAnswersAreGzippedForClientsThatAcceptIt) {
  std::string body = "[";
  for (int i = 0; i < 2000; ++i) body += "{\"id\":\"a/A/" + std::to_string(i) + "\"},";
  body += "{}]";
  Response r{200, "application/json", body, {}, nullptr};
  compress_if_accepted("gzip, br", r);
  EXPECT_EQ(header(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(r, "Vary"), "Accept-Encoding");
  EXPECT_LT(r.body.size(), body.size() / 5);
  EXPECT_EQ(gunzip(r.body), body);

  Response plain{200, "application/json", body, {}, nullptr};
  compress_if_accepted("identity", plain);
  EXPECT_EQ(plain.body, body);
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding") << "a cache must not serve it gzipped";
}

TEST(Compression, SmallBinaryStreamedOrEncodedAnswersAreLeftAlone) {
  Response small{200, "application/json", std::string(kCompressFrom - 1, 'x'), {}, nullptr};
  compress_if_accepted("gzip", small);
  EXPECT_EQ(small.body.size(), kCompressFrom - 1);
  Response png{200, "image/png", std::string(4096, 'x'), {}, nullptr};
  compress_if_accepted("gzip", png);
  EXPECT_EQ(png.body.size(), 4096u);
  Response stream{200, "text/event-stream", std::string(4096, 'x'), {}, std::make_shared<Stream>()};
  compress_if_accepted("gzip", stream);
  EXPECT_EQ(stream.body.size(), 4096u);
  Response encoded{200, "text/css", std::string(4096, 'x'), {{"Content-Encoding", "br"}}, nullptr};
  compress_if_accepted("gzip", encoded);
  EXPECT_EQ(encoded.body.size(), 4096u);
  EXPECT_EQ(gzip("").substr(0, 2), std::string("\x1f\x8b")) << "a gzip member even when empty";
}

}  // namespace
}  // namespace boxoffice::http
