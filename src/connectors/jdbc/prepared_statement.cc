#include "eddy/connectors/jdbc/prepared_statement.h"

#include <stdexcept>

#include <fmt/format.h>

namespace eddy::connectors::jdbc {

PreparedStatement::PreparedStatement(int parameter_count)
    : parameter_count_(parameter_count), parameters_(parameter_count), set_(parameter_count, false) {}

Parameter& PreparedStatement::slot(int index) {
  if (index < 1 || index > parameter_count_) {
    throw std::out_of_range(
        fmt::format("The parameter index {} is out of range; the statement has {} parameters", index, parameter_count_));
  }
  set_[index - 1] = true;
  Parameter& parameter = parameters_[rows_ * parameter_count_ + (index - 1)];
  parameter = Parameter{};
  return parameter;
}

void PreparedStatement::setNull(int index) { slot(index); }

void PreparedStatement::setBoolean(int index, bool value) {
  Parameter& parameter = slot(index);
  parameter.type = ParameterType::kBoolean;
  parameter.integer = value ? 1 : 0;
}

void PreparedStatement::setInteger(int index, ParameterType type, int64_t value) {
  Parameter& parameter = slot(index);
  parameter.type = type;
  parameter.integer = value;
}

void PreparedStatement::setFloat(int index, float value) {
  Parameter& parameter = slot(index);
  parameter.type = ParameterType::kFloat;
  parameter.floating = value;
}

void PreparedStatement::setDouble(int index, double value) {
  Parameter& parameter = slot(index);
  parameter.type = ParameterType::kDouble;
  parameter.floating = value;
}

void PreparedStatement::setText(int index, ParameterType type, std::string_view value) {
  Parameter& parameter = slot(index);
  parameter.type = type;
  parameter.offset = static_cast<uint32_t>(arena_.size());
  parameter.length = static_cast<uint32_t>(value.size());
  arena_.append(value);
}

void PreparedStatement::setBigDecimal(int index, const types::Decimal& value) {
  Parameter& parameter = slot(index);
  parameter.type = ParameterType::kDecimal;
  parameter.offset = static_cast<uint32_t>(arena_.size());
  arena_ += value.toString();
  parameter.length = static_cast<uint32_t>(arena_.size() - parameter.offset);
}

void PreparedStatement::setTimestamp(int index, types::TimestampData value) {
  Parameter& parameter = slot(index);
  parameter.type = ParameterType::kTimestamp;
  parameter.integer = value.millisecond;
  parameter.nanos = value.nano_of_millisecond;
}

void PreparedStatement::addBatch() {
  for (int i = 0; i < parameter_count_; ++i) {
    if (!set_[i]) throw std::invalid_argument(fmt::format("No value specified for parameter {}", i + 1));
    set_[i] = false;
  }
  ++rows_;
  if (parameters_.size() < (rows_ + 1) * parameter_count_) parameters_.resize((rows_ + 1) * parameter_count_);
}

void PreparedStatement::clearBatch() {
  rows_ = 0;
  set_.assign(parameter_count_, false);
  arena_.clear();
}

}  // namespace eddy::connectors::jdbc
