#include "domain/pricing.hpp"

#include <algorithm>
#include <set>

namespace boxoffice {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void check_price(FieldErrors& e, const std::string& field, Minor price) {
  if (price < 0 || price > kMaxPrice)
    e[field] = "must be between 0 and " + std::to_string(kMaxPrice) + " minor units";
}

void check_sections(FieldErrors& e, const std::string& field, const std::vector<std::string>& keys,
                    const LayoutVersion& layout) {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (!layout.section(keys[i]))
      e[field + "[" + std::to_string(i) + "]"] = "the layout has no section '" + keys[i] + "'";
}

}  // namespace

bool TicketType::valid_for(std::string_view section) const {
  return sections.empty() || contains(sections, section);
}

Minor TicketType::price_for(std::string_view section, std::string_view row) const {
  for (const auto& level : levels)
    if (contains(level.sections, section) && (level.rows.empty() || contains(level.rows, row)))
      return level.price;
  return price;
}

Minor TicketType::fees_for(Minor p) const {
  Minor total = 0;
  for (const auto& fee : fees) total += fee.on(p);
  return total;
}

FieldErrors validate_ticket_type(const TicketType& t, const LayoutVersion& layout) {
  FieldErrors e;
  if (t.name.empty())
    e["name"] = "is required";
  else if (t.name.size() > 100)
    e["name"] = "must have at most 100 characters";
  check_price(e, "price", t.price);
  check_sections(e, "sections", t.sections, layout);
  if (t.quota && *t.quota < 1) e["quota"] = "must be at least 1";
  if (t.fees.size() > 10) e["fees"] = "at most 10 fees";
  for (std::size_t i = 0; i < t.fees.size(); ++i) {
    const auto& fee = t.fees[i];
    const std::string path = "fees[" + std::to_string(i) + "]";
    if (fee.name.empty() || fee.name.size() > 100)
      e[path + ".name"] = "must have 1 to 100 characters";
    if (fee.kind == FeeKind::percent && (fee.amount < 0 || fee.amount > 10'000))
      e[path + ".amount"] = "must be between 0 and 10000 basis points (100 %)";
    if (fee.kind == FeeKind::fixed) check_price(e, path + ".amount", fee.amount);
  }
  for (std::size_t i = 0; i < t.levels.size(); ++i) {
    const auto& level = t.levels[i];
    const std::string path = "price_levels[" + std::to_string(i) + "]";
    check_price(e, path + ".price", level.price);
    if (level.sections.empty()) e[path + ".sections"] = "name at least one section";
    check_sections(e, path + ".sections", level.sections, layout);
    for (const auto& key : level.sections) {
      if (!t.valid_for(key))
        e[path + ".sections"] = "section '" + key + "' is not one the type is valid for";
      const Section* s = layout.section(key);
      if (!s || s->kind != SectionKind::seated) continue;
      for (std::size_t r = 0; r < level.rows.size(); ++r) {
        const bool found = std::any_of(s->rows.begin(), s->rows.end(),
                                       [&](const Row& row) { return row.label == level.rows[r]; });
        if (!found)
          e[path + ".rows[" + std::to_string(r) + "]"] =
              "section '" + key + "' has no row '" + level.rows[r] + "'";
      }
    }
  }
  return e;
}

std::vector<Minor> section_prices(const std::vector<TicketType>& types, const Section& section) {
  std::set<Minor> prices;
  for (const auto& t : types) {
    if (!t.valid_for(section.key)) continue;
    if (section.kind == SectionKind::standing) {
      prices.insert(t.price_for(section.key, ""));
    } else {
      for (const auto& row : section.rows) prices.insert(t.price_for(section.key, row.label));
    }
  }
  return {prices.begin(), prices.end()};
}

}  // namespace boxoffice
