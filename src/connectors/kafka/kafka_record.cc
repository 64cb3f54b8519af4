#include "eddy/connectors/kafka/kafka_record.h"

namespace eddy::connectors::kafka {

std::string_view timestampTypeName(KafkaTimestampType type) {
  switch (type) {
    case KafkaTimestampType::NO_TIMESTAMP_TYPE:
      return "NoTimestampType";
    case KafkaTimestampType::CREATE_TIME:
      return "CreateTime";
    case KafkaTimestampType::LOG_APPEND_TIME:
      return "LogAppendTime";
  }
  return "NoTimestampType";
}

}  // namespace eddy::connectors::kafka
