#include "app/demo.hpp"

#include <cmath>
#include <numbers>

#include "app/accounts.hpp"
#include "app/venues.hpp"

namespace boxoffice::demo {
namespace {

Row row(std::string label, int seats) {
  Row r{std::move(label), {}};
  for (int n = 1; n <= seats; ++n) r.seats.push_back(std::to_string(n));
  return r;
}

std::string row_label(int index) {
  return std::string(1, static_cast<char>('A' + index));
}

// One ring of seated sections around the floor, leaving the stage end (the top) open.
void add_bowl(std::vector<Section>& out, int first_number, int count, int rows, int seats,
              double radius_x, double radius_y) {
  constexpr double kCenterX = 500, kCenterY = 430;
  for (int i = 0; i < count; ++i) {
    const double angle = std::numbers::pi * (0.2 + 1.6 * (i + 0.5) / count);  // from the top
    Section s;
    s.key = std::to_string(first_number + i);
    s.name = "Section " + s.key;
    s.kind = SectionKind::seated;
    for (int r = 0; r < rows; ++r) s.rows.push_back(row(row_label(r), seats));
    s.geometry = Geometry{kCenterX + radius_x * std::sin(angle) - 30,
                          kCenterY - radius_y * std::cos(angle) - 20,
                          60,
                          40,
                          angle * 180 / std::numbers::pi,
                          "rect",
                          {}};
    out.push_back(std::move(s));
  }
}

}  // namespace

std::vector<Section> arena_sections(bool standing_floor) {
  std::vector<Section> sections;
  if (standing_floor) {
    sections.push_back({"floor",
                        "Standing floor",
                        SectionKind::standing,
                        {},
                        4000,
                        Geometry{380, 300, 240, 260, 0, "rect", {}}});
  } else {
    for (int b = 0; b < 4; ++b) {
      Section s{"floor-" + std::string(1, static_cast<char>('a' + b)),
                "Floor " + std::string(1, static_cast<char>('A' + b)),
                SectionKind::seated,
                {},
                0,
                Geometry{380.0 + 120 * (b % 2), 300.0 + 130 * (b / 2), 115, 125, 0, "rect", {}}};
      for (int r = 0; r < 20; ++r) s.rows.push_back(row(row_label(r), 30));
      sections.push_back(std::move(s));
    }
  }
  add_bowl(sections, 101, 14, 16, 24, 230, 200);  // lower bowl: 5,376 seats
  add_bowl(sections, 201, 22, 20, 24, 390, 330);  // upper bowl: 10,560 seats
  return sections;
}

Result<std::vector<Credentials>> seed(Storage& storage, const AppEnv& env) {
  if (!storage.list_venues().empty()) return std::vector<Credentials>{};
  std::vector<Credentials> created;
  for (const auto& [role, email, password, name] :
       {std::tuple{Role::manager, "manager@boxoffice.test", "demo-manager-pass", "Maya Manager"},
        std::tuple{Role::buyer, "buyer@boxoffice.test", "demo-buyer-pass", "Ben Buyer"}}) {
    auto account = accounts::create_account(storage, env, {email, password, name, role});
    if (account) created.push_back({std::string(to_string(role)), email, password});
  }

  auto venue = venues::create_venue(storage, env,
                                    {"Harbour Arena", "1 Quay Street, Hamburg", "Europe/Berlin"});
  if (!venue) return venue.error();
  const auto since = env.clock.now() - std::chrono::days(30);
  for (const auto& [name, standing] :
       {std::pair{"Concert: standing floor", true}, std::pair{"Concert: all seated", false}}) {
    auto layout = venues::create_layout(storage, env, venue.value().id,
                                        {name, since, arena_sections(standing)});
    if (!layout) return layout.error();
  }
  return created;
}

}  // namespace boxoffice::demo
