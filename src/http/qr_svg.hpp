#pragma once
// QR codes drawn as SVG, so ticket pages show a code any gate scanner reads without a font or a
// raster library in the browser.
#include <optional>
#include <string>
#include <string_view>

namespace boxoffice::http {

// An SVG image of `text` as a QR code (error correction level M, with the 4-module quiet zone the
// standard asks for); nullopt when the text is too long for any QR version.
std::optional<std::string> qr_svg(std::string_view text);

}  // namespace boxoffice::http
