#include "app/security.hpp"

#include <sodium.h>

#include <array>
#include <cstring>
#include <stdexcept>

namespace boxoffice::security {

void initialize() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out.data();
}

bool verify_password(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  std::array<unsigned char, 32> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out{};
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out.data();
}

std::string token_hash(std::string_view token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

std::string new_id(std::string_view prefix) {
  static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford base32
  std::array<unsigned char, 16> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string id(prefix);
  id += '_';
  for (unsigned char b : raw) id += kAlphabet[b & 31];
  return id;
}

namespace {

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Empty unless `text` is exactly how to_base64 spells some bytes: libsodium's decoder also takes
// bytes outside the alphabet (0x8a read as '_', found by fuzz/ticket_code_fuzzer), and a ticket
// code must have one spelling, or a scanner that remembers codes it has let in lets one in twice.
std::string from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t size = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &size, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return {};
  out.resize(size);
  if (to_base64(reinterpret_cast<const unsigned char*>(out.data()), out.size()) != text) return {};
  return out;
}

std::string signed_text(std::string_view event_id, std::string_view ticket_id) {
  return std::string(event_id) + "/" + std::string(ticket_id);
}

}  // namespace

std::pair<std::string, std::string> new_signing_keys() {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  return {to_base64(pk.data(), pk.size()), to_base64(sk.data(), sk.size())};
}

std::string ticket_code(const std::string& secret_key, std::string_view event_id,
                        std::string_view ticket_id) {
  const std::string sk = from_base64(secret_key);
  if (sk.size() != crypto_sign_SECRETKEYBYTES) throw std::runtime_error("bad event signing key");
  const std::string text = signed_text(event_id, ticket_id);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), reinterpret_cast<const unsigned char*>(sk.data()));
  return std::string(ticket_id) + "." + to_base64(sig.data(), sig.size());
}

bool verify_ticket_code(const std::string& public_key, std::string_view event_id,
                        std::string_view code) {
  const auto dot = code.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string pk = from_base64(public_key);
  const std::string sig = from_base64(code.substr(dot + 1));
  if (pk.size() != crypto_sign_PUBLICKEYBYTES || sig.size() != crypto_sign_BYTES) return false;
  const std::string text = signed_text(event_id, code.substr(0, dot));
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size(),
                                     reinterpret_cast<const unsigned char*>(pk.data())) == 0;
}

}  // namespace boxoffice::security
