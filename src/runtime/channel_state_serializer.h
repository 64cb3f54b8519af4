#pragma once

#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/batch_serializer.h"
#include "eddy/runtime/channel_writer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::runtime {

// The bytes of a channel's in-flight data in an unaligned checkpoint: its elements in order,
// each a kind byte, then for a batch the edge's BatchSerializer bytes and for a watermark
// its value; idle and active carry nothing. Barriers are not in-flight data (an older one
// still queued was given up) and are never written; nothing follows an end of partition.

// Appends `element` to `out`; false (nothing written) for an element that is not data.
bool writeChannelElement(const ChannelElement& element, const BatchSerializer& serializer,
                         types::DataOutputSerializer& out);

// Reads back every element `data` holds; Corruption when it is garbled.
Result<std::vector<ChannelElement>> readChannelElements(std::string_view data, const BatchSerializer& serializer);

}  // namespace eddy::runtime
