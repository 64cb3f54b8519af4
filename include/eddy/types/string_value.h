#pragma once

#include <string>
#include <string_view>

#include "eddy/common/status.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::types {

// Flink's string encoding (StringValue#writeString, used by its StringSerializer): the
// length in UTF-16 code units plus one as a 7-bit varint, then each UTF-16 unit as a 7-bit
// varint, so ASCII costs one byte a character and the bytes equal Flink's. Bytes that are
// not valid UTF-8 travel as the lone surrogates U+DC80..U+DCFF and come back unchanged, so
// any std::string round-trips.
void writeStringValue(std::string_view text, DataOutputSerializer& out);
// Corruption on truncated input, and on Flink's null string (which std::string cannot hold).
Status readStringValue(DataInputDeserializer& in, std::string& text);

}  // namespace eddy::types
