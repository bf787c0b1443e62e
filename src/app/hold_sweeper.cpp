#include "app/hold_sweeper.hpp"

#include "app/holds.hpp"

namespace boxoffice {

void schedule_hold_expiry(PeriodicTasks& tasks, Backend& backend, const AppEnv& env,
                          std::chrono::milliseconds period, ExpiredHolds report) {
  tasks.add("expire holds", period,
            with_connection(backend, [&env, report = std::move(report)](Storage& s, TimePoint) {
              auto expired = holds::expire_due(s, env);
              if (!expired.empty()) report(expired);
            }));
}

}  // namespace boxoffice
