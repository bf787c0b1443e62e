#include "storage/migrations.hpp"

#include <array>

namespace boxoffice::embedded {
extern const std::string_view sqlite_001_init;
extern const std::string_view sqlite_002_events;
extern const std::string_view sqlite_003_holds;
extern const std::string_view sqlite_004_orders;
extern const std::string_view sqlite_005_inventory_feed;
extern const std::string_view sqlite_006_hold_places;
extern const std::string_view sqlite_007_queue;
extern const std::string_view sqlite_008_orders_by_account;
extern const std::string_view sqlite_009_ticket_status;
extern const std::string_view sqlite_010_outbox;
extern const std::string_view sqlite_011_door_role;
extern const std::string_view sqlite_012_after_sale;
extern const std::string_view sqlite_013_refund_claims;
extern const std::string_view sqlite_014_layout_stage;
extern const std::string_view postgres_001_init;
extern const std::string_view postgres_002_events;
extern const std::string_view postgres_003_holds;
extern const std::string_view postgres_004_orders;
extern const std::string_view postgres_005_inventory_feed;
extern const std::string_view postgres_006_queue;
extern const std::string_view postgres_007_orders_by_account;
extern const std::string_view postgres_008_hold_places;
extern const std::string_view postgres_009_ticket_status;
extern const std::string_view postgres_010_outbox;
extern const std::string_view postgres_011_door_role;
extern const std::string_view postgres_012_after_sale;
extern const std::string_view postgres_013_refund_claims;
extern const std::string_view postgres_014_layout_stage;
}  // namespace boxoffice::embedded

namespace boxoffice {

std::span<const Migration> sqlite_migrations() {
  static const std::array list{Migration{1, embedded::sqlite_001_init},
                               Migration{2, embedded::sqlite_002_events},
                               Migration{3, embedded::sqlite_003_holds},
                               Migration{4, embedded::sqlite_004_orders},
                               Migration{5, embedded::sqlite_005_inventory_feed},
                               Migration{6, embedded::sqlite_006_hold_places},
                               Migration{7, embedded::sqlite_007_queue},
                               Migration{8, embedded::sqlite_008_orders_by_account},
                               Migration{9, embedded::sqlite_009_ticket_status},
                               Migration{10, embedded::sqlite_010_outbox},
                               Migration{11, embedded::sqlite_011_door_role},
                               Migration{12, embedded::sqlite_012_after_sale},
                               Migration{13, embedded::sqlite_013_refund_claims},
                               Migration{14, embedded::sqlite_014_layout_stage}};
  return list;
}

std::span<const Migration> postgres_migrations() {
  static const std::array list{Migration{1, embedded::postgres_001_init},
                               Migration{2, embedded::postgres_002_events},
                               Migration{3, embedded::postgres_003_holds},
                               Migration{4, embedded::postgres_004_orders},
                               Migration{5, embedded::postgres_005_inventory_feed},
                               Migration{6, embedded::postgres_006_queue},
                               Migration{7, embedded::postgres_007_orders_by_account},
                               Migration{8, embedded::postgres_008_hold_places},
                               Migration{9, embedded::postgres_009_ticket_status},
                               Migration{10, embedded::postgres_010_outbox},
                               Migration{11, embedded::postgres_011_door_role},
                               Migration{12, embedded::postgres_012_after_sale},
                               Migration{13, embedded::postgres_013_refund_claims},
                               Migration{14, embedded::postgres_014_layout_stage}};
  return list;
}

}  // namespace boxoffice
