#pragma once
// One libcurl transfer, shared by the adapters in this folder: curl's process-wide set-up done
// once, every option checked, and any failure reported as DeliveryError.
#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "app/notifier.hpp"

namespace boxoffice {

class CurlTransfer {
 public:
  // `protocols` is what CURLOPT_PROTOCOLS_STR takes ("smtp,smtps"): a mistyped URL then fails
  // instead of reading a local file or talking to some other kind of server.
  CurlTransfer(const std::string& url, const char* protocols, std::chrono::seconds timeout);
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  template <typename T>
  void set(CURLoption option, T value) {
    check(curl_easy_setopt(handle_.get(), option, value));
  }

  // Runs the transfer; on failure throws DeliveryError("<what>: <curl's message>").
  void perform(const std::string& what);

  // The last status the server answered with (HTTP status, SMTP reply code).
  long response_code() const;

 private:
  void check(CURLcode code) const;

  std::unique_ptr<CURL, void (*)(CURL*)> handle_;
  char error_[CURL_ERROR_SIZE] = {};
};

// POSTs `payload` as application/json with `headers` ("Name: value") besides. Returns when the
// server answered with a 2xx status; throws DeliveryError("<what>: ...") naming the status (and
// the start of the answer), or curl's message, otherwise. Only http and https URLs.
void post_json(const std::string& url, const std::string& payload,
               const std::vector<std::string>& headers, std::chrono::seconds timeout,
               const std::string& what);

}  // namespace boxoffice
