#include "notify/webhook_texter.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <stdexcept>

#include "app/notifier.hpp"
#include "notify/curl_transfer.hpp"

namespace boxoffice {
namespace {

// Enough of the provider's answer to tell its errors apart in a log line.
constexpr std::size_t kKeptAnswer = 300;

std::size_t keep_answer(char* data, std::size_t size, std::size_t count, void* answer) {
  auto& kept = *static_cast<std::string*>(answer);
  const std::size_t n = size * count;
  kept.append(data, std::min(n, kKeptAnswer - std::min(kKeptAnswer, kept.size())));
  return n;
}

}  // namespace

WebhookTexter::WebhookTexter(std::string url, std::chrono::seconds timeout)
    : url_(std::move(url)), timeout_(timeout) {
  if (timeout_ <= std::chrono::seconds::zero())
    throw std::invalid_argument("the text-message webhook timeout must be positive");
}

void WebhookTexter::send(const std::string& phone, const std::string& text) const {
  const std::string payload =
      boost::json::serialize(boost::json::object{{"to", phone}, {"message", text}});
  CurlTransfer transfer(url_, "http,https", timeout_);
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(
      curl_slist_append(nullptr, "Content-Type: application/json"), &curl_slist_free_all);
  if (!headers) throw DeliveryError("out of memory for the request headers");
  transfer.set(CURLOPT_HTTPHEADER, headers.get());
  transfer.set(CURLOPT_POSTFIELDS, payload.c_str());
  transfer.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  std::string answer;
  transfer.set(CURLOPT_WRITEFUNCTION, &keep_answer);
  transfer.set(CURLOPT_WRITEDATA, &answer);
  transfer.perform("text message to " + phone);
  const long status = transfer.response_code();
  if (status < 200 || status > 299)
    throw DeliveryError("text message to " + phone + ": the webhook answered HTTP " +
                        std::to_string(status) + (answer.empty() ? "" : ": " + answer));
}

}  // namespace boxoffice
