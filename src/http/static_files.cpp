#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace boxoffice::http {
namespace {

std::string content_type(const std::filesystem::path& file) {
  static const std::unordered_map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"}};
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// Pages load only their own scripts, styles and data: an injected script could otherwise read the
// session token from storage. No referrer leaves the site, as the waiting-room page carries its
// token in the address.
const std::vector<std::pair<std::string, std::string>>& headers_for(
    const std::filesystem::path& file) {
  static const std::vector<std::pair<std::string, std::string>> page{
      {"Cache-Control", "no-cache"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
      {"Referrer-Policy", "same-origin"},
      {"X-Content-Type-Options", "nosniff"}};
  static const std::vector<std::pair<std::string, std::string>> asset{
      {"Cache-Control", "no-cache"}, {"X-Content-Type-Options", "nosniff"}};
  return file.extension() == ".html" ? page : asset;
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    const std::string url = "/" + entry.path().lexically_relative(root).generic_string();
    files_[url] =
        Response{200, content_type(entry.path()), body.str(), headers_for(entry.path()), {}};
  }
}

const Response* StaticFiles::find(std::string_view path) const {
  std::string key(path);
  if (key.empty() || key.back() == '/') key += "index.html";
  auto it = files_.find(key);
  if (it == files_.end()) it = files_.find(key + "/index.html");
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace boxoffice::http
