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

// Enough of a server's answer to tell its errors apart in a log line.
constexpr std::size_t kKeptAnswer = 300;

std::size_t keep_answer(char* data, std::size_t size, std::size_t count, void* answer) {
  auto& kept = *static_cast<std::string*>(answer);
  const std::size_t n = size * count;
  kept.append(data, std::min(n, kKeptAnswer - std::min(kKeptAnswer, kept.size())));
  return n;
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

void post_json(const std::string& url, const std::string& payload,
               const std::vector<std::string>& headers, std::chrono::seconds timeout,
               const std::string& what) {
  CurlTransfer transfer(url, "http,https", timeout);
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> list(nullptr, &curl_slist_free_all);
  const auto append = [&list](const std::string& header) {
    curl_slist* next = curl_slist_append(list.get(), header.c_str());
    if (!next) throw DeliveryError("out of memory for the request headers");
    (void)list.release();
    list.reset(next);
  };
  append("Content-Type: application/json");
  for (const auto& h : headers) append(h);
  transfer.set(CURLOPT_HTTPHEADER, list.get());
  transfer.set(CURLOPT_POSTFIELDS, payload.c_str());
  transfer.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  std::string answer;
  transfer.set(CURLOPT_WRITEFUNCTION, &keep_answer);
  transfer.set(CURLOPT_WRITEDATA, &answer);
  transfer.perform(what);
  const long status = transfer.response_code();
  if (status < 200 || status > 299)
    throw DeliveryError(what + ": the server answered HTTP " + std::to_string(status) +
                        (answer.empty() ? "" : ": " + answer));
}

}  // namespace boxoffice
