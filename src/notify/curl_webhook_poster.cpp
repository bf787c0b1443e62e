#include "notify/curl_webhook_poster.hpp"

#include <stdexcept>

#include "notify/curl_transfer.hpp"

namespace boxoffice {

CurlWebhookPoster::CurlWebhookPoster(std::chrono::seconds timeout) : timeout_(timeout) {
  if (timeout_ <= std::chrono::seconds::zero())
    throw std::invalid_argument("the webhook timeout must be positive");
}

void CurlWebhookPoster::post(const std::string& url, const std::string& body,
                             const std::string& signature) {
  post_json(url, body, {"X-Boxoffice-Signature: " + signature, "User-Agent: boxoffice-webhooks"},
            timeout_, "webhook " + url);
}

}  // namespace boxoffice
