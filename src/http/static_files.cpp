#include "http/static_files.hpp"

#include <algorithm>
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

// Dotfiles (.env, .git/, editor swap files) are what a deploy leaves behind by mistake, never
// pages: none is read, and no path with such a segment is served.
bool is_hidden(std::string_view name) {
  return !name.empty() && name.front() == '.';
}

bool has_hidden_segment(std::string_view path) {
  for (std::size_t start = 0; start <= path.size();) {
    const auto slash = std::min(path.find('/', start), path.size());
    if (is_hidden(path.substr(start, slash - start))) return true;
    start = slash + 1;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return;
  std::filesystem::recursive_directory_iterator it(root, ec), end;
  for (; it != end; it.increment(ec)) {
    const auto& entry = *it;
    if (is_hidden(entry.path().filename().string())) {
      if (entry.is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    // Appended rather than "/" + ...: GCC 12 warns falsely (-Wrestrict) on that form here.
    std::string url = "/";
    url += entry.path().lexically_relative(root).generic_string();
    files_[url] =
        Response{200, content_type(entry.path()), body.str(), headers_for(entry.path()), {}};
  }
}

const Response* StaticFiles::find(std::string_view path) const {
  if (has_hidden_segment(path)) return nullptr;
  std::string key(path);
  if (key.empty() || key.back() == '/') key += "index.html";
  auto it = files_.find(key);
  if (it == files_.end()) it = files_.find(key + "/index.html");
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace boxoffice::http
