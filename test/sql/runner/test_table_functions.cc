// The table function classes of the test library (see test_function_classes.h).
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "eddy/table/functions/function_class_registry.h"
#include "eddy/types/data_types.h"
#include "test_function_classes.h"

namespace eddy::slt {
namespace {

using table::FunctionSignature;
using types::ColumnVector;
using types::DataTypes;

// Calls emit(piece) for each piece of Java's str.split(" "): the pieces between spaces with
// trailing empty pieces dropped, or the whole string when it holds no space (so "" is one
// empty piece).
template <typename Emit>
void forEachJavaSplitPiece(std::string_view str, Emit&& emit) {
  if (str.find(' ') == std::string_view::npos) {
    emit(str);
    return;
  }
  size_t pending_empty = 0;  // empty pieces seen, emitted only if a non-empty one follows
  size_t start = 0;
  while (start <= str.size()) {
    size_t end = str.find(' ', start);
    if (end == std::string_view::npos) end = str.size();
    const std::string_view piece = str.substr(start, end - start);
    if (piece.empty()) {
      ++pending_empty;
    } else {
      for (; pending_empty > 0; --pending_empty) emit(std::string_view());
      emit(piece);
    }
    start = end + 1;
  }
}

// Flink's SplitFunction example: for every piece of str.split(" ") a row
// (word STRING, length INT). A NULL string produces no rows.
class SplitFunction final : public table::TableFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::STRING()},
             DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING()), DataTypes::FIELD("length", DataTypes::INT())})}};
  }

  Status eval(size_t, std::span<const ColumnVector* const> args, size_t n, table::TableFunctionOutput& out) const override {
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->isNull(i)) continue;
      forEachJavaSplitPiece(args[0]->stringAt(i), [&](std::string_view word) {
        out.columns[0].appendString(word);
        out.columns[1].append<int32_t>(static_cast<int32_t>(word.size()));
        out.input_rows.push_back(static_cast<int32_t>(i));
      });
    }
    return Status::OK();
  }
};

}  // namespace

void registerTestTableFunctionClasses() {
  table::registerFunctionClass("org.apache.flink.table.test.udf.SplitFunction",
                               [] { return table::UserDefinedFunction(std::make_shared<const SplitFunction>()); });
}

}  // namespace eddy::slt
