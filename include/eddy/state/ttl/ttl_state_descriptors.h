#pragma once

#include <memory>
#include <string_view>

#include "eddy/state/rocksdb/rocksdb_state_store.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/ttl/ttl_aggregating_state.h"
#include "eddy/state/ttl/ttl_decorator.h"
#include "eddy/state/ttl/ttl_reducing_state.h"
#include "eddy/state/ttl/ttl_value.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/has_type_serializer.h"

namespace eddy::state {

// The descriptor of the state a TTL state keeps its TtlValues in (what Flink's TtlStateFactory
// registers with the backend): same name, the value (list element, map value, accumulator)
// wrapped in TtlValue, reduce and aggregate functions wrapped to keep timestamps.

template <typename V>
ValueStateDescriptor<TtlValue<V>> ttlInnerDescriptor(const ValueStateDescriptor<V>& d, const TtlDecorator&) {
  return ValueStateDescriptor<TtlValue<V>>(d.getName());
}
template <typename V>
ListStateDescriptor<TtlValue<V>> ttlInnerDescriptor(const ListStateDescriptor<V>& d, const TtlDecorator&) {
  return ListStateDescriptor<TtlValue<V>>(d.getName());
}
template <typename UK, typename UV>
MapStateDescriptor<UK, TtlValue<UV>> ttlInnerDescriptor(const MapStateDescriptor<UK, UV>& d, const TtlDecorator&) {
  return MapStateDescriptor<UK, TtlValue<UV>>(d.getName());
}
template <typename V>
ReducingStateDescriptor<TtlValue<V>> ttlInnerDescriptor(const ReducingStateDescriptor<V>& d, const TtlDecorator& ttl) {
  return ReducingStateDescriptor<TtlValue<V>>(d.getName(), makeTtlReduceFunction<V>(ttl, d.getReduceFunction()));
}
template <typename IN, typename ACC, typename OUT>
AggregatingStateDescriptor<IN, TtlValue<ACC>, OUT> ttlInnerDescriptor(const AggregatingStateDescriptor<IN, ACC, OUT>& d,
                                                                      const TtlDecorator& ttl) {
  return AggregatingStateDescriptor<IN, TtlValue<ACC>, OUT>(
      d.getName(), std::make_shared<TtlAggregateFunction<IN, ACC, OUT>>(d.getAggregateFunction(), ttl));
}

// The RocksDB compaction filter of a TTL state described by `d`.
inline RocksDBStateStore::TtlCompactionFilter ttlCompactionFilter(const StateDescriptorBase& d,
                                                                  const TtlDecorator& ttl) {
  RocksDBStateStore::TtlCompactionFilter filter;
  filter.ttl = ttl.ttl();
  filter.query_time_after_num_entries =
      d.getTtlConfig().getRocksdbCompactFilterCleanupStrategy()->query_time_after_num_entries;
  filter.time = ttl.timeProvider();
  return filter;
}
// List state: the filter steps over elements, so it needs their type.
template <typename V>
RocksDBStateStore::TtlCompactionFilter ttlCompactionFilter(const ListStateDescriptor<V>& d, const TtlDecorator& ttl) {
  RocksDBStateStore::TtlCompactionFilter filter = ttlCompactionFilter(static_cast<const StateDescriptorBase&>(d), ttl);
  if constexpr (types::kHasTypeSerializer<V>) {
    filter.list_element_size = [](std::string_view bytes) -> size_t {
      types::DataInputDeserializer in(bytes);
      TtlValue<V> element;
      return types::TypeSerializer<TtlValue<V>>::deserialize(in, element).ok() ? in.position() : 0;
    };
  }
  return filter;
}

}  // namespace eddy::state
