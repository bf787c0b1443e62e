#include "app/queue_tokens.hpp"

#include <sodium.h>

#include <charconv>
#include <vector>

namespace boxoffice::queue_tokens {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return to_hex(buffer.data(), buffer.size());
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(digest, sizeof digest);
}

// The tag in hex, into a buffer of the caller's: every status poll checks one, and a string per
// check was an allocation per poll. False when the room's key is unusable.
using HexTag = char[crypto_auth_BYTES * 2 + 1];
bool hex_tag(const QueueRoom& room, std::string_view signed_part, HexTag& hex) {
  unsigned char key[crypto_auth_KEYBYTES] = {};
  std::size_t key_size = 0;
  if (sodium_hex2bin(key, sizeof key, room.token_key.data(), room.token_key.size(), nullptr,
                     &key_size, nullptr) != 0 ||
      key_size != sizeof key)
    return false;
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
              key);
  sodium_memzero(key, sizeof key);
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return true;
}

std::string tag(const QueueRoom& room, std::string_view signed_part) {
  HexTag hex;
  return hex_tag(room, signed_part, hex) ? std::string(hex) : std::string();
}

}  // namespace

QueueRoom new_room() {
  QueueRoom room;
  room.seed = random_hex(32);
  room.commitment = commitment(room.seed);
  room.token_key = random_hex(crypto_auth_KEYBYTES);
  return room;
}

std::string commitment(std::string_view seed) {
  return sha256_hex(seed);
}

std::uint64_t draw_digest(std::string_view seed, std::int64_t number) {
  const std::string text = std::string(seed) + ":" + std::to_string(number);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | digest[i];
  return value;
}

std::string token(const QueueRoom& room, std::int64_t number) {
  const std::string signed_part = room.event_id + "." + std::to_string(number);
  return signed_part + "." + tag(room, signed_part);
}

std::optional<TokenParts> parse(std::string_view token) {
  const auto last = token.rfind('.');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  const auto middle = token.rfind('.', last - 1);
  if (middle == std::string_view::npos || middle == 0) return std::nullopt;
  TokenParts parts{token.substr(0, middle), 0};
  const auto digits = token.substr(middle + 1, last - middle - 1);
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), parts.number);
  if (ec != std::errc() || end != digits.data() + digits.size() || parts.number < 1)
    return std::nullopt;
  if (token.size() - last - 1 != crypto_auth_BYTES * 2) return std::nullopt;
  return parts;
}

bool verify(const QueueRoom& room, std::string_view token) {
  const auto last = token.rfind('.');
  if (last == std::string_view::npos) return false;
  HexTag expected;
  const auto given = token.substr(last + 1);
  return hex_tag(room, token.substr(0, last), expected) && given.size() == sizeof expected - 1 &&
         sodium_memcmp(given.data(), expected, given.size()) == 0;
}

}  // namespace boxoffice::queue_tokens
