#pragma once
// Large answers gzipped for the clients that accept it: a stadium's seat map or a long order list
// is a fraction of its size on the wire, which is what a phone on a crowded network waits for.
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace boxoffice::http {

// Whether an Accept-Encoding header lists gzip (or "*") without refusing it with q=0.
bool accepts_gzip(std::string_view accept_encoding);

// `data` as a gzip member (RFC 1952).
std::string gzip(std::string_view data);

// Answers of at least this many bytes are worth compressing; smaller ones fit a packet or two.
inline constexpr std::size_t kCompressFrom = 1024;

// Gzips `response`'s body in place when the client accepts gzip and the answer is text (JSON,
// HTML, CSS, JavaScript, SVG) of kCompressFrom bytes or more, not a stream and not encoded yet.
// Such answers say "Vary: Accept-Encoding" whether compressed or not, so caches keep both.
void compress_if_accepted(std::string_view accept_encoding, Response& response);

}  // namespace boxoffice::http
