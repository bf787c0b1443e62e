#pragma once
// The waiting room's secrets, through libsodium.
//
// The draw: an entry's key is the first 8 bytes (big-endian) of SHA-256("<seed>:<number>"), the
// seed being 32 random bytes in hex; the room publishes SHA-256(seed) in hex before sales open
// and the seed after, so anyone can recompute every key.
//
// Tokens: "<event id>.<number>.<tag>", the tag an HMAC-SHA-512-256 (crypto_auth) of
// "<event id>.<number>" under the room's token key: they cannot be made up or guessed, and they
// carry what a poll needs without a lookup.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/queue.hpp"

namespace boxoffice::queue_tokens {

// A new room's seed, commitment and token key (event_id left empty).
QueueRoom new_room();
std::string commitment(std::string_view seed);
std::uint64_t draw_digest(std::string_view seed, std::int64_t number);

std::string token(const QueueRoom& room, std::int64_t number);
struct TokenParts {
  std::string_view event_id;  // within the token parsed
  std::int64_t number = 0;
};
// The parts of a well-formed token, not yet checked against a key; they view into `token`, so
// that a poll copies nothing.
std::optional<TokenParts> parse(std::string_view token);
bool verify(const QueueRoom& room, std::string_view token);

}  // namespace boxoffice::queue_tokens
