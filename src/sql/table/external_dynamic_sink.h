#pragma once

#include <string>

#include "sql/connectors/dynamic_table.h"

namespace eddy::table {

// The sink a Table is planned into when it becomes a DataStream (Flink's
// ExternalDynamicSink of toDataStream / toChangelogStream): it accepts an insert-only
// changelog, or every change, so that the planner refuses an updating Table for
// toDataStream with Flink's message. The stream itself is taken from the PlanTranslator.
class ExternalDynamicSink final : public sql::DynamicTableSink {
 public:
  explicit ExternalDynamicSink(bool accepts_changes) : accepts_changes_(accepts_changes) {}

  sql::ChangelogMode getChangelogMode(const sql::ChangelogMode& requested_mode) const override {
    return accepts_changes_ ? requested_mode : sql::ChangelogMode::insertOnly();
  }
  Status consumeDataStream(DataStream<sql::RowChunk>) override { return Status::OK(); }
  std::string asSummaryString() const override { return "DataStream"; }

 private:
  bool accepts_changes_;
};

}  // namespace eddy::table
