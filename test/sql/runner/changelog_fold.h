#pragma once

#include <vector>

#include "eddy/common/result.h"
#include "slt_record.h"

namespace eddy::slt {

// Applies a changelog to an empty table, as a retracting sink materializes it: +I and +U
// add a row, -U and -D remove one equal row. The rows left keep the order in which they
// were added. A retraction of a row that is not there is InvalidArgument naming it: a
// changelog that does so is wrong, whatever the final rows.
Result<std::vector<CellRow>> foldChangelog(const std::vector<ChangelogRow>& changelog);

}  // namespace eddy::slt
