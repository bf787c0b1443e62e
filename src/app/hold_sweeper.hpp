#pragma once
// Ends holds whose time is up, without waiting for a request: a background task expires what is
// due every `period`, through a connection of its own. Every node runs one; expiring is
// conditional, so two nodes never free the same places twice.
#include <chrono>
#include <functional>
#include <vector>

#include "app/app_env.hpp"
#include "app/periodic_tasks.hpp"

namespace boxoffice {

// `report` is told of the holds each run expired (failures go to the tasks' own report).
using ExpiredHolds = std::function<void(const std::vector<Hold>& expired)>;
void schedule_hold_expiry(PeriodicTasks& tasks, Backend& backend, const AppEnv& env,
                          std::chrono::milliseconds period, ExpiredHolds report);

}  // namespace boxoffice
