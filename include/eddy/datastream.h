#pragma once

// The DataStream API in one include: the environment, streams, keyed streams and windows,
// Flink's function interfaces, watermark strategies, and the built-in sources and sinks.
#include "eddy/api/all_windowed_stream.h"
#include "eddy/api/connected_streams.h"
#include "eddy/api/data_stream.h"
#include "eddy/api/keyed_stream.h"
#include "eddy/functions/output_tag.h"
#include "eddy/api/stream_execution_environment.h"
#include "eddy/functions/functions.h"
#include "eddy/functions/sink.h"
#include "eddy/functions/source.h"
#include "eddy/functions/watermark_strategy.h"
#include "eddy/functions/co_functions.h"
#include "eddy/functions/process_function.h"
#include "eddy/functions/process_window_function.h"
#include "eddy/windowing/event_time_windows.h"
#include "eddy/windowing/evictors.h"
#include "eddy/windowing/global_windows.h"
#include "eddy/windowing/processing_time_windows.h"
#include "eddy/windowing/session_windows.h"
#include "eddy/windowing/triggers.h"
#include "eddy/windowing/time_window.h"
