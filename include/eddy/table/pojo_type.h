#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "eddy/types/data_types.h"
#include "eddy/types/row.h"

namespace eddy::table {

// Describes the fields of a C++ struct to the Table API, as Flink's PojoTypeInfo finds a
// POJO's fields by reflection: specialize PojoType<T> with
//
//   static auto fields() { return std::make_tuple(pojoField("user_id", &T::user_id), ...); }
//
// and fromDataStream(DataStream<T>) reads the struct's fields as the table's physical
// columns, in that order. Field types: bool, int8_t, int16_t, int32_t, int64_t, float,
// double (NOT NULL, as Java primitives) and std::string (STRING).
template <typename T>
struct PojoType;

// A field of struct T: its column name and member pointer.
template <typename T, typename M>
struct PojoField {
  const char* name;
  M T::*member;
};

template <typename T, typename M>
constexpr PojoField<T, M> pojoField(const char* name, M T::*member) {
  return {name, member};
}

// The SQL type of a struct member of C++ type M.
template <typename M>
types::LogicalType pojoFieldType() {
  using types::DataTypes;
  if constexpr (std::is_same_v<M, bool>) return DataTypes::BOOLEAN().notNull();
  if constexpr (std::is_same_v<M, int8_t>) return DataTypes::TINYINT().notNull();
  if constexpr (std::is_same_v<M, int16_t>) return DataTypes::SMALLINT().notNull();
  if constexpr (std::is_same_v<M, int32_t>) return DataTypes::INT().notNull();
  if constexpr (std::is_same_v<M, int64_t>) return DataTypes::BIGINT().notNull();
  if constexpr (std::is_same_v<M, float>) return DataTypes::FLOAT().notNull();
  if constexpr (std::is_same_v<M, double>) return DataTypes::DOUBLE().notNull();
  if constexpr (std::is_same_v<M, std::string>) return DataTypes::STRING();
  static_assert(std::is_arithmetic_v<M> || std::is_same_v<M, std::string>, "unsupported PojoType field type");
}

// The physical columns of struct T.
template <typename T>
std::vector<types::RowField> pojoRowFields() {
  std::vector<types::RowField> fields;
  std::apply([&](const auto&... field) { (fields.push_back(types::DataTypes::FIELD(field.name, pojoFieldType<std::remove_cvref_t<decltype(std::declval<T>().*field.member)>>())), ...); },
             PojoType<T>::fields());
  return fields;
}

// The Row of one struct value, its fields in PojoType<T>::fields() order.
template <typename T>
types::Row pojoToRow(const T& value) {
  std::vector<types::Value> values;
  std::apply([&](const auto&... field) { (values.emplace_back(value.*field.member), ...); }, PojoType<T>::fields());
  return types::Row(types::RowKind::INSERT, std::move(values));
}

}  // namespace eddy::table
