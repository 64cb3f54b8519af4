#include "eddy/types/data_input_deserializer.h"

#include <fmt/format.h>

namespace eddy::types {

Status DataInputDeserializer::truncated(size_t needed) const {
  return Corruption(fmt::format("unexpected end of input: {} bytes needed at offset {}, {} available", needed,
                                position_, available()));
}

Status DataInputDeserializer::negativeLength(int32_t size) {
  return Corruption(fmt::format("negative length {} in serialized data", size));
}

}  // namespace eddy::types
