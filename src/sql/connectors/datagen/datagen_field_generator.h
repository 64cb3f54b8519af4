#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "eddy/common/result.h"
#include "eddy/connectors/random_generator.h"
#include "eddy/types/column_vector.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/value.h"

namespace eddy::sql {

// Makes the values of one field of a `datagen` table (Flink's DataGenerator of a
// RandomGeneratorVisitor or SequenceGeneratorVisitor): the value of row `index` is a
// function of the index (sequences), of a RandomGenerator seeded by (field seed, index)
// (random values), or of the wall clock of the batch (DATE, TIME, and timestamps with
// 'max-past'). So a row has the same values whichever subtask makes it and after a
// restore. Immutable after creation; shared by the readers of all subtasks.
class DataGenFieldGenerator {
 public:
  virtual ~DataGenFieldGenerator() = default;

  // Appends the values of rows [begin, end) to `column`, whose type is the field's type.
  // The default goes through next() and Values; scalar generators fill the column directly.
  virtual void appendTo(int64_t begin, int64_t end, int64_t now_millis, types::ColumnVector& column) const;

  // The value of row `index`, drawing randomness from `random` (a nested element draws from
  // its parent's generator).
  virtual types::Value next(connectors::RandomGenerator& random, int64_t index, int64_t now_millis) const = 0;

 protected:
  explicit DataGenFieldGenerator(uint64_t seed) : seed_(seed) {}
  // The random numbers of row `index` of this field.
  connectors::RandomGenerator randomFor(int64_t index) const {
    return connectors::RandomGenerator::forIndex(seed_, index);
  }

 private:
  uint64_t seed_;
};

// What createDataGenFieldGenerator learned besides the generator.
struct DataGenFieldInfo {
  // The option keys the field's generator read (they are supported options of the table).
  std::set<std::string> consumed_keys;
  // For a sequence field: how many values it has (end - start + 1).
  std::optional<int64_t> sequence_length;
};

// The generator of field `name` of `type`, configured from the table's options
// 'fields.<name>.kind' ('random' by default, or 'sequence') and the keys of that kind:
// random: 'min', 'max', 'max-past', 'length', 'var-len', 'null-rate' (nested ARRAY, MAP,
// MULTISET and ROW fields under '<name>.element', '<name>.key', '<name>.value',
// '<name>.<field>'); sequence: 'start', 'end'. InvalidArgument with Flink's
// ValidationException message for an unsupported type or kind ("Unsupported type: DATE",
// "Unsupported generator kind: x"), a missing sequence bound ("Could not find required
// property 'fields.id.start' for sequence generator.") or a value that does not parse
// ("Could not parse value 'x' for key 'fields.id.min'.").
Result<std::unique_ptr<DataGenFieldGenerator>> createDataGenFieldGenerator(
    const std::string& name, const types::LogicalType& type, const std::map<std::string, std::string>& options,
    uint64_t seed, DataGenFieldInfo& info);

}  // namespace eddy::sql
