#pragma once

#include <cstdint>
#include <string_view>

#include "eddy/state/key_group_range.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::state {

// The layout of a RocksDB key of Eddy's keyed state:
//
//   key-group prefix | key | namespace | [user key] | int32 key length | int32 namespace length
//
// The key-group prefix is big-endian, 1 byte when max parallelism <= 128 and 2 bytes
// otherwise, as Flink's CompositeKeySerializationUtils, so that iteration order is key-group
// order and a key-group range is a contiguous range of keys. Key, namespace and user key are
// their TypeSerializer bytes, which are self-delimiting, so (prefix | key | namespace) is a
// prefix of exactly the map entries of one key and namespace. The two trailing lengths let
// snapshots, restores and rescaling split a key without knowing its types.
struct RocksDBKeyLayout {
  // Flink's CompositeKeySerializationUtils.computeRequiredBytesInKeyGroupPrefix.
  static int keyGroupPrefixBytes(int max_parallelism) { return max_parallelism > 128 ? 2 : 1; }

  static void writeKeyGroupPrefix(int key_group, int prefix_bytes, types::DataOutputSerializer& out) {
    if (prefix_bytes == 2) out.writeByte(static_cast<int8_t>(key_group >> 8));
    out.writeByte(static_cast<int8_t>(key_group & 0xFF));
  }

  static int readKeyGroupPrefix(std::string_view key, int prefix_bytes) {
    int key_group = static_cast<uint8_t>(key[0]);
    if (prefix_bytes == 2) key_group = (key_group << 8) | static_cast<uint8_t>(key[1]);
    return key_group;
  }

  // The parts of a RocksDB key (views into it).
  struct Parts {
    int key_group = 0;
    std::string_view key;
    std::string_view ns;
    std::string_view user_key;
  };

  // Splits `bytes`; false if they are not a key of this layout.
  static bool split(std::string_view bytes, int prefix_bytes, Parts& parts);

  // The first key of `key_group` (the key-group prefix alone).
  static std::string_view keyGroupStart(int key_group, int prefix_bytes, types::DataOutputSerializer& scratch) {
    scratch.clear();
    writeKeyGroupPrefix(key_group, prefix_bytes, scratch);
    return scratch.data();
  }
};

}  // namespace eddy::state
