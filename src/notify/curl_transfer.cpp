#include "notify/curl_transfer.hpp"

#include <algorithm>
#include <mutex>

namespace boxoffice {
namespace {

// curl_global_init is not thread-safe and must run before the first handle is made.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw DeliveryError("libcurl could not be initialised");
  });
}

CURL* new_handle() {
  init_curl_once();
  CURL* handle = curl_easy_init();
  if (!handle) throw DeliveryError("libcurl could not create a transfer");
  return handle;
}

}  // namespace

CurlTransfer::CurlTransfer(const std::string& url, const char* protocols,
                           std::chrono::seconds timeout)
    : handle_(new_handle(), &curl_easy_cleanup) {
  using std::chrono::milliseconds;
  set(CURLOPT_ERRORBUFFER, error_);
  // Without it a DNS timeout is implemented with SIGALRM, which is unsafe in a threaded server.
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_PROTOCOLS_STR, protocols);
  set(CURLOPT_URL, url.c_str());
  // A host that is down is given up on sooner than a server that is merely slow to finish.
  const auto connect = std::min<std::chrono::seconds>(timeout, std::chrono::seconds(5));
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(milliseconds(connect).count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(milliseconds(timeout).count()));
}

void CurlTransfer::perform(const std::string& what) {
  error_[0] = '\0';
  const CURLcode code = curl_easy_perform(handle_.get());
  if (code != CURLE_OK)
    throw DeliveryError(what + ": " + (error_[0] ? error_ : curl_easy_strerror(code)));
}

long CurlTransfer::response_code() const {
  long code = 0;
  curl_easy_getinfo(handle_.get(), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

void CurlTransfer::check(CURLcode code) const {
  if (code != CURLE_OK)
    throw DeliveryError(std::string("libcurl refused an option: ") + curl_easy_strerror(code));
}

}  // namespace boxoffice
