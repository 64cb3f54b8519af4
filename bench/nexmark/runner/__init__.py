"""The Nexmark runner's parts: scripts (filling the query files), measure (one process's
wall time, CPU time and peak RSS), engines (Eddy's and Flink's command lines and errors),
changelog (folding print-sink output for the correctness check) and report (the tables)."""
