#include "http/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

namespace boxoffice::http {

std::optional<std::string> qr_svg(std::string_view text) {
  const std::string input(text);
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return std::nullopt;
  constexpr int kQuiet = 4;
  const int width = code->width;
  const int size = width + 2 * kQuiet;
  // One path of unit squares: small, and crisp at any zoom with shape-rendering crispEdges.
  std::string path;
  for (int y = 0; y < width; ++y)
    for (int x = 0; x < width; ++x)
      if (code->data[y * width + x] & 1)
        path.append("M")
            .append(std::to_string(x + kQuiet))
            .append(" ")
            .append(std::to_string(y + kQuiet))
            .append("h1v1h-1z");
  const auto n = std::to_string(size);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
  svg.append(n).append(" ").append(n);
  svg.append("\" shape-rendering=\"crispEdges\" role=\"img\"><title>Ticket code</title>");
  svg.append("<rect width=\"").append(n).append("\" height=\"").append(n);
  svg.append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"").append(path).append("\"/></svg>");
  return svg;
}

}  // namespace boxoffice::http
