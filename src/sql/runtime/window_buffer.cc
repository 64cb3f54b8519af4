#include "sql/runtime/window_buffer.h"

#include <algorithm>
#include <string>

namespace eddy::sql {

using windowing::TimeWindow;

namespace {

constexpr size_t kInitialSlots = 64;

uint64_t slotOf(uint64_t hash, uint32_t index) { return (hash >> 32 << 32) | (uint64_t{index} + 1); }

}  // namespace

WindowBuffer::WindowBuffer(size_t num_calls, size_t capacity) : num_calls_(num_calls), capacity_(capacity) {}

WindowBuffer::WindowTable* WindowBuffer::findTable(const TimeWindow& window) {
  for (const auto& table : tables_) {
    if (table->window == window) return last_ = table.get();
  }
  if (free_.empty()) {
    tables_.push_back(std::make_unique<WindowTable>());
    tables_.back()->slots.assign(kInitialSlots, 0);
  } else {
    tables_.push_back(std::move(free_.back()));
    free_.pop_back();
  }
  last_ = tables_.back().get();
  last_->window = window;
  next_trigger_ = std::min(next_trigger_, window.maxTimestamp());
  return last_;
}

WindowBuffer::EntryRef WindowBuffer::find(WindowTable* table, std::string_view key, uint64_t hash, bool& created) {
  const size_t mask = table->slots.size() - 1;
  const uint64_t tag = hash >> 32;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const uint64_t slot = table->slots[i];
    if (slot == 0) {
      created = true;
      const auto index = static_cast<uint32_t>(table->used++);
      table->slots[i] = slotOf(hash, index);
      if (index == table->entries.size()) table->entries.emplace_back();
      Entry& entry = table->entries[index];
      entry.key.assign(key);
      entry.hash = hash;
      GroupAccumulators& accumulators = entry.accumulators;
      accumulators.record_count = 0;
      if (accumulators.calls.size() != num_calls_) {
        // Moved out into state by a drain.
        accumulators.calls.resize(num_calls_);
      } else {
        for (Accumulator& acc : accumulators.calls) acc = Accumulator();
      }
      ++size_;
      if (2 * table->used > table->slots.size()) grow(*table);
      return {table, index};
    }
    if (slot >> 32 == tag) {
      const auto index = static_cast<uint32_t>(slot - 1);
      if (table->entries[index].key == key) {
        created = false;
        return {table, index};
      }
    }
  }
}

void WindowBuffer::grow(WindowTable& table) {
  table.slots.assign(2 * table.slots.size(), 0);
  const size_t mask = table.slots.size() - 1;
  for (size_t e = 0; e < table.used; ++e) {
    size_t i = table.entries[e].hash & mask;
    while (table.slots[i] != 0) i = (i + 1) & mask;
    table.slots[i] = slotOf(table.entries[e].hash, static_cast<uint32_t>(e));
  }
}

void WindowBuffer::release(size_t first) {
  for (size_t t = first; t < tables_.size(); ++t) {
    WindowTable& table = *tables_[t];
    size_ -= table.used;
    // The index keeps its size: the next window likely has as many keys.
    std::fill(table.slots.begin(), table.slots.end(), 0);
    table.used = 0;
    free_.push_back(std::move(tables_[t]));
  }
  tables_.resize(first);
  last_ = nullptr;
  next_trigger_ = std::numeric_limits<int64_t>::max();
  for (const auto& table : tables_) next_trigger_ = std::min(next_trigger_, table->window.maxTimestamp());
}

}  // namespace eddy::sql
