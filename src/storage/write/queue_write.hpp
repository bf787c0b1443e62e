#pragma once
// The waiting room's transactions, written once for every backend (the contracts are Storage's,
// app/storage.hpp). Each write guards the room first, then reads and changes its entries; the
// room's bookkeeping (numbers, counts, seq, claiming, ending, admitting) is domain/queue.hpp's,
// applied to the rows as guarded. A backend supplies its transactions and the row operations of
// queue_rows.hpp, nothing else.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "storage/write/queue_rows.hpp"

namespace boxoffice::queue_write {

QueueRoom queue_room(QueueRows& rows, std::string_view event_id,
                     const std::function<QueueRoom()>& make);
std::pair<QueueEntry, bool> join_queue(QueueRows& rows, const QueueEntry& entry,
                                       const std::function<std::int64_t(std::int64_t)>& order_key);
Result<QueueEntry> claim_queue_entry(QueueRows& rows, std::string_view event_id,
                                     std::int64_t number, std::string_view account_id,
                                     std::chrono::seconds window, TimePoint now);
bool leave_queue(QueueRows& rows, std::string_view event_id, std::int64_t number);
bool complete_queue_entry(QueueRows& rows, std::string_view event_id, std::string_view account_id);
void activate_queue(QueueRows& rows, std::string_view event_id, TimePoint now);
Storage::QueueRound admit_from_queue(QueueRows& rows, std::string_view event_id, TimePoint now,
                                     CheckoutWindow window,
                                     const std::function<std::int64_t(const QueueRoom&)>& how_many);
std::optional<QueueChanges> queue_changes(QueueRows& rows, std::string_view event_id,
                                          std::int64_t after, std::int64_t max_seqs);

}  // namespace boxoffice::queue_write
