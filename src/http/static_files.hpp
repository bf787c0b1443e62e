#pragma once
// The web pages: every file under the web root, read once at start and served from memory.
#include <filesystem>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace boxoffice::http {

class StaticFiles {
 public:
  // A missing root leaves the set empty (the API still works); the caller logs it.
  explicit StaticFiles(const std::filesystem::path& root);
  // "/" serves index.html; a folder path serves its index.html. Null when there is no such file.
  const Response* find(std::string_view path) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::unordered_map<std::string, Response> files_;
};

}  // namespace boxoffice::http
