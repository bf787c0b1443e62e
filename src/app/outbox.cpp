#include "app/outbox.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>

#include "app/security.hpp"

namespace boxoffice {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

}  // namespace

bool is_webhook_event_type(std::string_view type) {
  return std::find(kWebhookEventTypes.begin(), kWebhookEventTypes.end(), type) !=
         kWebhookEventTypes.end();
}

std::chrono::seconds retry_delay(const OutboxPolicy& policy, int failed_attempts) {
  using std::chrono::milliseconds;
  const milliseconds cap = std::max(policy.retry_cap, milliseconds(1000));
  milliseconds delay = std::max(policy.retry_base, milliseconds(1));
  // Doubling stops at the cap, so the shift cannot overflow however many tries failed.
  for (int n = 1; n < failed_attempts && delay < cap; ++n) delay *= 2;
  delay = std::min(delay, cap);
  // Due times are whole seconds (Clock::now()): round up, so a delay is never shorter than asked.
  return std::max(std::chrono::ceil<std::chrono::seconds>(delay), std::chrono::seconds(1));
}

std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds,
                              std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(t.data()), t.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return "t=" + t + ",v1=" + to_hex(mac.data(), mac.size());
}

std::string new_webhook_secret() {
  std::array<unsigned char, 32> raw{};
  randombytes_buf(raw.data(), raw.size());
  return "whsec_" + to_hex(raw.data(), raw.size());
}

OutboxMessage email_message(std::string type, std::string to, std::string subject, std::string body,
                            TimePoint now) {
  OutboxMessage m;
  m.id = security::new_id("msg");
  m.kind = OutboxMessage::Kind::email;
  m.type = std::move(type);
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.body = std::move(body);
  m.created_at = now;
  return m;
}

OutboxMessage order_confirmation_email(const Order& order, const Event& event,
                                       const std::vector<TicketType>& types, TimePoint now) {
  std::map<std::string, std::string> type_names;
  for (const auto& t : types) type_names[t.id] = t.name;
  std::string body = "Hello " + order.buyer_name + ",\n\nthank you for your order " + order.id +
                     " for " + event.name + " on " + format_rfc3339(event.starts_at) +
                     " (UTC).\n\nYour tickets:\n";
  int n = 0;
  for (const auto& t : order.tickets) {
    const auto name = type_names.find(t.ticket_type_id);
    body += '\n';
    body += std::to_string(++n);
    body += ". Section " + t.section + ", ";
    body += t.seat_id.empty() ? std::string("standing") : std::string("seat ").append(t.seat_id);
    body += ", ";
    body += name == type_names.end() ? t.ticket_type_id : name->second;
    body += ", " + format_money(t.price + t.fees, order.currency);
    if (t.fees) body += " (fees " + format_money(t.fees, order.currency) + " included)";
    body += "\n   Code: " + t.code + "\n";
  }
  body += "\nTotal paid: " + format_money(order.total, order.currency) +
          "\n\nShow each ticket's code (or its QR code under My orders) at the door.\n";
  return email_message("order.confirmation", order.buyer_email, "Your tickets for " + event.name,
                       std::move(body), now);
}

OutboxMessage settlement_email(const Order& order, const Event& event,
                               const OrderSettlement& settled, const Settlement& settlement,
                               TimePoint now, std::string_view site) {
  std::string body = "Hello " + order.buyer_name + ",\n\nwe are sorry: " + event.name + " on " +
                     format_rfc3339(event.starts_at) +
                     " (UTC) is cancelled. The tickets of your order " + order.id +
                     " are no longer valid.\n\n";
  const auto amount = format_money(settled.amount, order.currency);
  switch (settled.status) {
    case OrderStatus::awaiting_choice: {
      body += "Please choose what you get for them (" + amount + "): ";
      std::string list;
      for (auto r : choices(settlement)) {
        if (!list.empty()) list += ", ";
        list += r == Resolution::refund   ? "your money back"
                : r == Resolution::credit ? "credit for a later purchase"
                                          : "a voucher per ticket for the rescheduled show";
      }
      body += list + ". Choose on your order's page (sign in first): " + std::string(site) +
              "/order.html?ids=" + order.id + "\n\nPlease choose";
      if (settlement.choice_deadline)
        body += " before " + format_rfc3339(*settlement.choice_deadline) + " (UTC)";
      body += "; without a choice, your money is refunded.\n";
      break;
    }
    case OrderStatus::refunded:
      body += "Your money is refunded: " + amount + ".";
      if (settled.credit > 0)
        body += " Of that, " + format_money(settled.credit, order.currency) +
                " (what vouchers or credit paid, or a ticket given to you) goes to your credit.";
      body += "\n";
      break;
    case OrderStatus::credited:
      body += amount + " is credited to your account, for any later purchase.\n";
      break;
    case OrderStatus::voucher_issued:
      body += "You get one voucher per ticket (" + std::to_string(settled.vouchers.size()) +
              " in all), each worth what the ticket cost, for the rescheduled show. They are "
              "listed under My orders.\n";
      break;
    default:
      break;
  }
  return email_message("order.settlement", order.buyer_email, event.name + " is cancelled",
                       std::move(body), now);
}

}  // namespace boxoffice
