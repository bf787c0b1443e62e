#pragma once
// Secrets: password hashing (Argon2id), bearer tokens and random ids, all through libsodium.
#include <string>
#include <string_view>
#include <utility>

namespace boxoffice::security {

void initialize();  // call once before any other function here

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// 256 random bits, URL-safe base64 without padding.
std::string new_token();
// What is stored for a token: hex SHA-256. Tokens are high-entropy, so a fast hash suffices.
std::string token_hash(std::string_view token);

// An opaque id such as "ven_3j8f0kq9x2m4t7wb": a prefix naming the kind and 80 random bits.
std::string new_id(std::string_view prefix);

// Ticket codes: "<ticket id>.<signature>", the signature an Ed25519 signature of
// "<event id>/<ticket id>" with the event's secret key, so a scanner holding only the public key
// can tell a real ticket from a made-up one. Keys travel as URL-safe base64.
std::pair<std::string, std::string> new_signing_keys();  // public, secret
std::string ticket_code(const std::string& secret_key, std::string_view event_id,
                        std::string_view ticket_id);
bool verify_ticket_code(const std::string& public_key, std::string_view event_id,
                        std::string_view code);

}  // namespace boxoffice::security
