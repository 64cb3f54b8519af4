#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "eddy/types/has_type_serializer.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {

// A user value with the time it was last accessed, as TTL state stores it (Flink's TtlValue).
template <typename T>
struct TtlValue {
  T user_value{};
  int64_t last_access_timestamp = 0;
  bool operator==(const TtlValue&) const = default;
};

template <typename T>
struct IsTtlValue : std::false_type {};
template <typename T>
struct IsTtlValue<TtlValue<T>> : std::true_type {};

// Flink's TtlUtils: a value expires when its last access plus the TTL is not after now; the
// sum saturates instead of overflowing.
inline int64_t ttlExpirationTimestamp(int64_t last_access, int64_t ttl) {
  return last_access > std::numeric_limits<int64_t>::max() - ttl ? std::numeric_limits<int64_t>::max()
                                                                  : last_access + ttl;
}
inline bool ttlExpired(int64_t last_access, int64_t ttl, int64_t now) {
  return ttlExpirationTimestamp(last_access, ttl) <= now;
}

}  // namespace eddy::state

namespace eddy::types {

// Flink's TtlSerializer layout: the timestamp as a long, then the user value. The canonical
// snapshot and RocksDB hold these bytes, so both backends read each other's TTL state.
template <typename T>
struct HasTypeSerializer<state::TtlValue<T>> : HasTypeSerializer<T> {};

template <typename T>
struct TypeSerializer<state::TtlValue<T>> {
  static void serialize(const state::TtlValue<T>& value, DataOutputSerializer& out) {
    out.writeLong(value.last_access_timestamp);
    TypeSerializer<T>::serialize(value.user_value, out);
  }
  static Status deserialize(DataInputDeserializer& in, state::TtlValue<T>& value) {
    EDDY_RETURN_IF_ERROR(in.readLong(value.last_access_timestamp));
    return TypeSerializer<T>::deserialize(in, value.user_value);
  }
};

}  // namespace eddy::types
