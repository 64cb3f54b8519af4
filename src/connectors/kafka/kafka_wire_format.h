#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/common/result.h"

namespace eddy::connectors::kafka {

// Builds one request of Kafka's binary protocol (big-endian integers; classic strings with an
// int16 length; "compact" strings and arrays with an unsigned varint of length + 1, and
// tagged-field sections, in flexible versions). Only what TransactionCoordinatorClient sends.
class KafkaRequestWriter {
 public:
  // Starts a request: the size placeholder and header v1 (flexible: header v2).
  KafkaRequestWriter(int16_t api_key, int16_t api_version, int32_t correlation_id, bool flexible);

  void writeInt8(int8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void writeInt16(int16_t value);
  void writeInt32(int32_t value);
  void writeInt64(int64_t value);
  void writeString(std::string_view value);
  void writeCompactString(std::string_view value);
  void writeCompactArrayLength(size_t length) { writeUnsignedVarint(length + 1); }
  // An empty tagged-field section.
  void writeEmptyTaggedFields() { writeUnsignedVarint(0); }
  void writeUnsignedVarint(uint64_t value);

  // The request with its size prefix filled in.
  const std::string& finish();

 private:
  std::string bytes_;
};

// Reads one response of Kafka's binary protocol; every read fails with Corruption past the end.
class KafkaResponseReader {
 public:
  explicit KafkaResponseReader(std::string_view bytes) : bytes_(bytes) {}

  Result<int8_t> readInt8();
  Result<int16_t> readInt16();
  Result<int32_t> readInt32();
  Result<int64_t> readInt64();
  Result<uint64_t> readUnsignedVarint();
  Result<std::string> readString();
  // A nullable string; null reads as empty.
  Result<std::string> readNullableString();
  Result<std::string> readCompactString();
  // A compact array's element count (null reads as 0).
  Result<size_t> readCompactArrayLength();
  // Skips a tagged-field section.
  Status skipTaggedFields();

 private:
  Result<std::string_view> take(size_t n);

  std::string_view bytes_;
};

}  // namespace eddy::connectors::kafka
