// Ticket-code verification, as a scanner does it: a code ("<ticket id>.<signature>") and the
// event id it is for, checked with the event's public key. Input: "<event id>\n<code>\n<key>\n
// <edits>": the code as given, a public key of the fuzzer's own, and edits (pairs of bytes:
// position, new byte) made to the real code of the event and the code's ticket id. Only the code
// the event's secret key makes for that ticket may pass, in exactly one spelling.
#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/security.hpp"

namespace {

struct Keys {
  std::string public_key;
  std::string secret_key;
};

// The same keys on every run, so that a finding replays: made from a fixed seed, spelt as
// security::new_signing_keys() spells them.
const Keys& keys() {
  static const Keys k = [] {
    boxoffice::security::initialize();
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    seed.fill(7);
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
    crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
    const auto spell = [](const unsigned char* bytes, std::size_t size) {
      std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      '\0');
      sodium_bin2base64(out.data(), out.size(), bytes, size,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING);
      out.resize(out.size() - 1);  // the terminating NUL
      return out;
    };
    return Keys{spell(pk.data(), pk.size()), spell(sk.data(), sk.size())};
  }();
  return k;
}

std::string_view next_line(std::string_view& text) {
  const auto end = text.find('\n');
  const auto line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace boxoffice::security;
  const Keys& k = keys();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view event_id = next_line(input);
  const std::string_view code = next_line(input);
  const std::string other_key(next_line(input));
  const std::string_view edits = input;

  const auto only_the_real_code_passes = [&](std::string_view candidate) {
    if (!verify_ticket_code(k.public_key, event_id, candidate)) return;
    const auto dot = candidate.find('.');
    const std::string real = ticket_code(k.secret_key, event_id, candidate.substr(0, dot));
    if (real != candidate) {
      std::fprintf(stderr, "a second spelling of a ticket code passes: %.*s (the code is %s)\n",
                   static_cast<int>(candidate.size()), candidate.data(), real.c_str());
      std::abort();
    }
  };
  only_the_real_code_passes(code);
  // A key that is not the event's: it must not matter what it holds.
  (void)verify_ticket_code(other_key, event_id, code);

  // The real code for this event and the code's ticket id passes; edits of it do not.
  std::string real = ticket_code(k.secret_key, event_id, code.substr(0, code.find('.')));
  if (!verify_ticket_code(k.public_key, event_id, real)) {
    std::fprintf(stderr, "a real ticket code fails: %s\n", real.c_str());
    std::abort();
  }
  for (std::size_t i = 0; i + 1 < edits.size(); i += 2)
    real[static_cast<unsigned char>(edits[i]) % real.size()] = edits[i + 1];
  only_the_real_code_passes(real);
  return 0;
}
