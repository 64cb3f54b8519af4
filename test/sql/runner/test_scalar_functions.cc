// The scalar function classes of the test library (see test_function_classes.h).
#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "eddy/state/java_hash.h"
#include "eddy/table/functions/function_class_registry.h"
#include "eddy/types/data_types.h"
#include "test_function_classes.h"

namespace eddy::slt {
namespace {

using table::FunctionSignature;
using types::ColumnVector;
using types::DataTypes;

// Flink's SubstringFunction example: eval(String s, Integer begin, Integer end) returns
// s.substring(begin, end), and an overload eval(String s, Integer begin) for
// s.substring(begin). Indexes count bytes (Java counts UTF-16 units: equal for ASCII). An
// index out of range fails the job with Java's StringIndexOutOfBoundsException message;
// a NULL argument gives NULL.
class SubstringFunction final : public table::ScalarFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::STRING(), DataTypes::INT(), DataTypes::INT()}, DataTypes::STRING()},
            {{DataTypes::STRING(), DataTypes::INT()}, DataTypes::STRING()}};
  }

  Status eval(size_t signature, std::span<const ColumnVector* const> args, size_t n, ColumnVector& out) const override {
    const bool has_end = signature == 0;
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->isNull(i) || args[1]->isNull(i) || (has_end && args[2]->isNull(i))) {
        out.appendNull();
        continue;
      }
      const std::string_view s = args[0]->stringAt(i);
      const int64_t length = static_cast<int64_t>(s.size());
      const int64_t begin = args[1]->valueAt<int32_t>(i);
      const int64_t end = has_end ? args[2]->valueAt<int32_t>(i) : length;
      if (begin < 0 || begin > end || end > length) {
        return InvalidArgument(fmt::format("begin {}, end {}, length {}", begin, end, length));
      }
      out.appendString(s.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)));
    }
    return Status::OK();
  }
};

// Flink's HashFunction example (eval(Object o) returns o.hashCode()) as three overloads:
// INT, BIGINT and STRING, each hashed as Java's Integer, Long and String hashCode. NULL
// gives NULL.
class HashFunction final : public table::ScalarFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::INT()}, DataTypes::INT()},
            {{DataTypes::BIGINT()}, DataTypes::INT()},
            {{DataTypes::STRING()}, DataTypes::INT()}};
  }

  Status eval(size_t signature, std::span<const ColumnVector* const> args, size_t n, ColumnVector& out) const override {
    const ColumnVector& in = *args[0];
    for (size_t i = 0; i < n; ++i) {
      if (in.isNull(i)) {
        out.appendNull();
      } else if (signature == 0) {
        out.append<int32_t>(state::javaHashCode(in.valueAt<int32_t>(i)));
      } else if (signature == 1) {
        out.append<int32_t>(state::javaHashCode(in.valueAt<int64_t>(i)));
      } else {
        out.append<int32_t>(state::javaHashCode(in.stringAt(i)));
      }
    }
    return Status::OK();
  }
};

}  // namespace

void registerTestScalarFunctionClasses() {
  table::registerFunctionClass("org.apache.flink.table.test.udf.SubstringFunction",
                               [] { return table::UserDefinedFunction(std::make_shared<const SubstringFunction>()); });
  table::registerFunctionClass("org.apache.flink.table.test.udf.HashFunction",
                               [] { return table::UserDefinedFunction(std::make_shared<const HashFunction>()); });
}

}  // namespace eddy::slt
