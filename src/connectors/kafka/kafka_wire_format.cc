#include "connectors/kafka/kafka_wire_format.h"

#include <fmt/format.h>

namespace eddy::connectors::kafka {

namespace {

// The client id every request of TransactionCoordinatorClient carries.
constexpr std::string_view kClientId = "eddy-transaction-coordinator-client";

}  // namespace

KafkaRequestWriter::KafkaRequestWriter(int16_t api_key, int16_t api_version, int32_t correlation_id, bool flexible) {
  writeInt32(0);
  writeInt16(api_key);
  writeInt16(api_version);
  writeInt32(correlation_id);
  writeString(kClientId);
  if (flexible) writeEmptyTaggedFields();
}

void KafkaRequestWriter::writeInt16(int16_t value) {
  const auto v = static_cast<uint16_t>(value);
  bytes_.push_back(static_cast<char>(v >> 8));
  bytes_.push_back(static_cast<char>(v));
}

void KafkaRequestWriter::writeInt32(int32_t value) {
  const auto v = static_cast<uint32_t>(value);
  for (int shift = 24; shift >= 0; shift -= 8) bytes_.push_back(static_cast<char>(v >> shift));
}

void KafkaRequestWriter::writeInt64(int64_t value) {
  const auto v = static_cast<uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) bytes_.push_back(static_cast<char>(v >> shift));
}

void KafkaRequestWriter::writeString(std::string_view value) {
  writeInt16(static_cast<int16_t>(value.size()));
  bytes_.append(value);
}

void KafkaRequestWriter::writeCompactString(std::string_view value) {
  writeUnsignedVarint(value.size() + 1);
  bytes_.append(value);
}

void KafkaRequestWriter::writeUnsignedVarint(uint64_t value) {
  while (value >= 0x80) {
    bytes_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  bytes_.push_back(static_cast<char>(value));
}

const std::string& KafkaRequestWriter::finish() {
  const auto size = static_cast<uint32_t>(bytes_.size() - 4);
  for (int i = 0; i < 4; ++i) bytes_[i] = static_cast<char>(size >> (24 - 8 * i));
  return bytes_;
}

Result<std::string_view> KafkaResponseReader::take(size_t n) {
  if (bytes_.size() < n) {
    return Corruption(fmt::format("Kafka response ended early: {} more bytes expected, {} left", n, bytes_.size()));
  }
  std::string_view out = bytes_.substr(0, n);
  bytes_.remove_prefix(n);
  return out;
}

Result<int8_t> KafkaResponseReader::readInt8() {
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(1));
  return static_cast<int8_t>(b[0]);
}

Result<int16_t> KafkaResponseReader::readInt16() {
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(2));
  return static_cast<int16_t>((static_cast<uint8_t>(b[0]) << 8) | static_cast<uint8_t>(b[1]));
}

Result<int32_t> KafkaResponseReader::readInt32() {
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(4));
  uint32_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
  return static_cast<int32_t>(v);
}

Result<int64_t> KafkaResponseReader::readInt64() {
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(8));
  uint64_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
  return static_cast<int64_t>(v);
}

Result<uint64_t> KafkaResponseReader::readUnsignedVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    EDDY_ASSIGN_OR_RETURN(std::string_view b, take(1));
    const auto byte = static_cast<uint8_t>(b[0]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return Corruption("Kafka response has a varint longer than 64 bits");
}

Result<std::string> KafkaResponseReader::readString() {
  EDDY_ASSIGN_OR_RETURN(int16_t length, readInt16());
  if (length < 0) return Corruption("Kafka response has a null string where one is required");
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(static_cast<size_t>(length)));
  return std::string(b);
}

Result<std::string> KafkaResponseReader::readNullableString() {
  EDDY_ASSIGN_OR_RETURN(int16_t length, readInt16());
  if (length < 0) return std::string();
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(static_cast<size_t>(length)));
  return std::string(b);
}

Result<std::string> KafkaResponseReader::readCompactString() {
  EDDY_ASSIGN_OR_RETURN(uint64_t length, readUnsignedVarint());
  if (length == 0) return std::string();
  EDDY_ASSIGN_OR_RETURN(std::string_view b, take(length - 1));
  return std::string(b);
}

Result<size_t> KafkaResponseReader::readCompactArrayLength() {
  EDDY_ASSIGN_OR_RETURN(uint64_t length, readUnsignedVarint());
  return length == 0 ? 0 : static_cast<size_t>(length - 1);
}

Status KafkaResponseReader::skipTaggedFields() {
  EDDY_ASSIGN_OR_RETURN(uint64_t count, readUnsignedVarint());
  for (uint64_t i = 0; i < count; ++i) {
    EDDY_ASSIGN_OR_RETURN(uint64_t tag, readUnsignedVarint());
    (void)tag;
    EDDY_ASSIGN_OR_RETURN(uint64_t size, readUnsignedVarint());
    EDDY_RETURN_IF_ERROR(take(size).status());
  }
  return Status::OK();
}

}  // namespace eddy::connectors::kafka
