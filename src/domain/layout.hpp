#pragma once
// Venue layouts: named configurations of a venue ("full seated", "standing floor + seats"), each a
// series of immutable, dated versions. Events pin the version in force on their date.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace boxoffice {

enum class SectionKind { seated, standing };

struct Row {
  std::string label;
  std::vector<std::string> seats;
};

// A seat label's number if it is written as one, canonically ("7", not "07" or "+7").
std::optional<std::int64_t> seat_number(std::string_view label);
// The first seat's number when the row's seats are the consecutive numbers from it, as most rows
// are: then a seat's place in the row follows from its label, and the row has a short form.
std::optional<std::int64_t> counts_from(const Row& row);

// Where a section sits on the venue map, in the map's own units; drawn by the pages only.
struct Geometry {
  double x = 0, y = 0, width = 0, height = 0, rotation = 0;
  std::string shape = "rect";                     // "rect", "ellipse" or "polygon"
  std::vector<std::pair<double, double>> points;  // polygon corners
};

// Where the stage is, in the same units as the sections' geometry, so the buyer's map can show
// which way the seats face; drawn by the pages only.
struct Stage {
  double x = 0, y = 0, width = 0, height = 0, rotation = 0;
  std::string label = "Stage";
};

struct Section {
  std::string key;  // unique in the layout; seat ids are "<key>/<row>/<seat>"
  std::string name;
  SectionKind kind = SectionKind::seated;
  std::vector<Row> rows;      // seated only, front row first
  std::int64_t capacity = 0;  // standing only
  std::optional<Geometry> geometry;

  std::int64_t places() const;
};

struct LayoutVersion {
  int version = 0;
  TimePoint effective_from;
  std::vector<Section> sections;
  TimePoint created_at;
  std::optional<Stage> stage = std::nullopt;  // a default, so versions without one need not say so

  std::int64_t capacity() const;
  const Section* section(std::string_view key) const;
  // Whether "<section>/<row>/<seat>" names a seat of a seated section: found by its parts (labels
  // never contain '/'), without listing every seat.
  bool has_seat(std::string_view id) const;
};

struct Layout {
  std::string id;
  std::string venue_id;
  std::string name;
  TimePoint created_at;
  std::vector<LayoutVersion> versions;  // ascending version numbers, never empty once stored

  const LayoutVersion& latest() const { return versions.back(); }
  // The version that applies to something happening at `when`: the newest one whose
  // effective_from is not after it. Empty if `when` precedes every version.
  const LayoutVersion* in_force_at(TimePoint when) const;
};

inline constexpr std::int64_t kMaxPlacesPerLayout = 250'000;
inline constexpr std::size_t kMaxLabelLength = 16;

// Names every bad field, with paths such as "sections[1].rows[0].seats[3]".
FieldErrors validate_sections(const std::vector<Section>& sections);
FieldErrors validate_layout_name(const std::string& name);
// Names a bad stage field, with paths such as "stage.width".
FieldErrors validate_stage(const std::optional<Stage>& stage);

// The next version of `layout`, or why there cannot be one: versions only move forward in time,
// so a new one may not take effect before the newest existing one.
Result<LayoutVersion> next_version(const Layout& layout, TimePoint effective_from,
                                   std::vector<Section> sections, TimePoint now,
                                   std::optional<Stage> stage = std::nullopt);

}  // namespace boxoffice
