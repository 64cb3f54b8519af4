#pragma once

#include <csignal>
#include <functional>
#include <mutex>

#include "cli/sql_client_materialized_result.h"
#include "cli/sql_client_table_view.h"

namespace eddy::cli {

// Runs `view` full screen on a terminal until the user quits (Q, ESC, Ctrl-C, or a SIGINT
// that sets `interrupted`): the terminal in raw mode on the alternate screen, the view
// refreshed from `result` (read under `mutex`) at its refresh interval and after each key,
// "G" asking for a page number as Flink's CliInputView, "O" showing the selected row until
// Q. `finished` tells whether the query's job has ended. Restores the terminal on return.
// `in_fd` and `out_fd` are the terminal (a pseudo-terminal in tests).
void runTableResultView(int in_fd, int out_fd, CliTableResultView& view, std::mutex& mutex,
                        const MaterializedResult& result, const std::function<bool()>& finished,
                        const volatile std::sig_atomic_t& interrupted);

}  // namespace eddy::cli
