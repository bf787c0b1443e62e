#include "app/demo.hpp"

#include <cmath>
#include <numbers>

#include "app/accounts.hpp"
#include "app/events.hpp"
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

// At the open end of the bowls, above the floor.
const Stage kArenaStage{410, 240, 180, 45, 0, "Stage"};

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

namespace {

// Two concerts at the arena: one on sale now, one a week later that is still a draft.
Result<void> seed_events(Storage& storage, const AppEnv& env, const Account& manager,
                         const std::string& venue_id, const std::string& layout_id) {
  const auto now = env.clock.now();
  const auto first_show =
      std::chrono::floor<std::chrono::days>(now) + std::chrono::days(45) + std::chrono::hours(19);
  EventDetails d;
  d.name = "The Harbour Lights: Tide Tour";
  d.description = "Two hours of harbour-rock anthems, with a standing floor in front of the stage.";
  d.performers = {"The Harbour Lights", "Saltwater Choir"};
  d.starts_at = first_show;
  d.doors_at = first_show - std::chrono::hours(1);
  d.venue_id = venue_id;
  d.layout_id = layout_id;
  d.sales_open_at = now - std::chrono::hours(1);
  d.sales_close_at = first_show - std::chrono::hours(2);
  d.currency = "EUR";
  d.max_tickets_per_buyer = 6;
  auto event = events::create(storage, env, manager, d);
  if (!event) return event.error();
  const std::string id = event.value().id;
  std::vector<std::string> lower, upper;
  for (int n = 101; n <= 114; ++n) lower.push_back(std::to_string(n));
  for (int n = 201; n <= 222; ++n) upper.push_back(std::to_string(n));
  TicketType standard{
      "",
      id,
      "Standard",
      5900,
      {},
      {},
      {{"Service fee", FeeKind::percent, 1000}},
      {{lower, {"A", "B", "C", "D"}, 8900}, {lower, {}, 7400}, {{"floor"}, {}, 6900}},
      {}};
  TicketType reduced{
      "", id, "Reduced (students)", 3900, upper, 2000, {{"Service fee", FeeKind::percent, 1000}},
      {}, {}};
  for (auto& type : {standard, reduced})
    if (auto added = events::add_ticket_type(storage, env, type); !added) return added.error();
  if (auto published = events::transition(storage, env, manager, id, Transition::publish);
      !published)
    return published.error();
  EventDetails second = shifted_copy(event.value(), first_show + std::chrono::days(7));
  second.name = "The Harbour Lights: Tide Tour (second night)";
  if (auto copy = events::duplicate(storage, env, manager, event.value(), second); !copy)
    return copy.error();
  return {};
}

}  // namespace

Result<std::vector<Credentials>> seed(Storage& storage, const AppEnv& env) {
  if (!storage.list_venues().empty()) return std::vector<Credentials>{};
  std::vector<Credentials> created;
  std::optional<Account> manager;
  for (const auto& [role, email, password, name] :
       {std::tuple{Role::manager, "manager@boxoffice.test", "demo-manager-pass", "Maya Manager"},
        std::tuple{Role::buyer, "buyer@boxoffice.test", "demo-buyer-pass", "Ben Buyer"}}) {
    auto account = accounts::create_account(storage, env, {email, password, name, role});
    if (!account) continue;
    created.push_back({std::string(to_string(role)), email, password});
    if (role == Role::manager) manager = account.value();
  }

  auto venue = venues::create_venue(storage, env,
                                    {"Harbour Arena", "1 Quay Street, Hamburg", "Europe/Berlin"});
  if (!venue) return venue.error();
  const auto since = env.clock.now() - std::chrono::days(30);
  std::string concert_layout;
  for (const auto& [name, standing] :
       {std::pair{"Concert: standing floor", true}, std::pair{"Concert: all seated", false}}) {
    auto layout = venues::create_layout(storage, env, venue.value().id,
                                        {name, since, arena_sections(standing), kArenaStage});
    if (!layout) return layout.error();
    if (standing) concert_layout = layout.value().id;
  }
  if (manager) {
    if (auto seeded = seed_events(storage, env, *manager, venue.value().id, concert_layout);
        !seeded)
      return seeded.error();
  }
  return created;
}

}  // namespace boxoffice::demo
