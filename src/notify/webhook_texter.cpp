#include "notify/webhook_texter.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>

#include "app/notifier.hpp"
#include "notify/curl_transfer.hpp"

namespace boxoffice {

WebhookTexter::WebhookTexter(std::string url, std::chrono::seconds timeout)
    : url_(std::move(url)), timeout_(timeout) {
  if (timeout_ <= std::chrono::seconds::zero())
    throw std::invalid_argument("the text-message webhook timeout must be positive");
}

void WebhookTexter::send(const std::string& phone, const std::string& text) const {
  const std::string payload =
      boost::json::serialize(boost::json::object{{"to", phone}, {"message", text}});
  post_json(url_, payload, {}, timeout_, "text message to " + phone);
}

}  // namespace boxoffice
