#pragma once
// Secrets: password hashing (Argon2id), bearer tokens and random ids, all through libsodium.
#include <string>
#include <string_view>

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

}  // namespace boxoffice::security
