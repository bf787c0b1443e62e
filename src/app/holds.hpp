#pragma once
// Use cases of holds: a buyer sets places aside, lets them go, and time lets them go too.
#include <functional>
#include <optional>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::holds {

// The answer to `place`; called exactly once, on whichever thread knows it.
using Placed = std::function<void(Result<Hold>)>;

// Holds the requested places for `buyer` until the event's hold time is up. A buyer's holds for
// one event all end when the first of them does: a new hold never extends a buyer's time. While
// the event's waiting room is on, `queue_token` must be the buyer's admitted entry, and the hold
// ends with its checkout window at the latest. One client address places at most so many holds a
// minute (env.hold_throttle), so that scripted accounts cannot keep an event's seats held.
// Returns before a hold that memory allows has been written: `placed` is called once its batch
// has committed (see HoldWriter).
void place(Storage& storage, const AppEnv& env, const Account& buyer, const Client& client,
           std::string_view event_id, const HoldRequest& request, std::string_view queue_token,
           FieldErrors parse_errors, Placed placed);

// One basket: adds the requested places to the buyer's hold `id`, all or nothing, with the rules
// of `place` (the buyer limit counting the hold's places too); the hold keeps its id and its end.
// `placed` is called with the whole hold once its batch has committed, or with why not: 404, 403
// for another buyer's hold, 409 "hold_not_active" once it has ended or its time is up, or any
// refusal of `place`. `event_id`, when not empty, must be the hold's (else a 422 names it).
void add_places(Storage& storage, const AppEnv& env, const Account& buyer, const Client& client,
                std::string_view id, std::string_view event_id, const HoldRequest& request,
                std::string_view queue_token, FieldErrors parse_errors, Placed placed);

// The hold, for its buyer or a manager.
Result<Hold> get(Storage& storage, const Account& reader, std::string_view id);

// The buyer's holds of the event that are active now, oldest first: what their basket holds.
std::vector<Hold> active_of(Storage& storage, const AppEnv& env, const Account& buyer,
                            std::string_view event_id);

// Frees the places of the buyer's active hold at once.
Result<void> release(Storage& storage, const Account& reader, std::string_view id);

// Lets part of the buyer's active hold go at once, all or nothing (see after_release): the hold as
// it is afterwards, `released` when nothing is left. Its buyer or a manager may, as for release.
// With `parse_errors`, a 422 naming them together with whatever else is wrong.
Result<Hold> release_part(Storage& storage, const AppEnv& env, const Account& buyer,
                          std::string_view id, const HoldRelease& release,
                          FieldErrors parse_errors = {});

// Frees the places of every hold whose time is up; returns the holds it ended.
std::vector<Hold> expire_due(Storage& storage, const AppEnv& env);

}  // namespace boxoffice::holds
