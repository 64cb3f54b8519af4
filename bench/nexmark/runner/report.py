"""The runner's tables: throughput per core and peak memory per query and engine, the ratio
Eddy/Flink and its geometric mean, printed and written as Markdown (METHOD says how)."""
import math

METHOD = """\
Events per second per core = events / (wall seconds x cores used) = events / CPU seconds. For
Eddy the CPU seconds are the whole process's (its start-up takes milliseconds). For Flink they
are the JVM's CPU time while its job ran (RunSql's report), which leaves out the JVM's start,
the MiniCluster's and the planner's, to Flink's advantage; the whole process's figures are in
the detail table. Peak RSS is the whole process's for both. Flink's fixed cost per job
(deployment, JIT warm-up) weighs on small event counts."""


def throughput(run, events):
    """Events per second per core of a successful run (None for a failed one)."""
    if run is None or run.error is not None:
        return None
    cpu = run.job_cpu_s if run.job_cpu_s is not None else run.measurement.cpu_s
    return events / cpu if cpu > 0 else None


def _kev(value):
    return f"{value / 1000:,.0f}" if value is not None else ""


def _mb(run):
    return f"{run.measurement.peak_rss_kb / 1024:,.0f} MB" if run is not None and run.error is None else ""


def _cell(run, value, width=60):
    if run is None:
        return "not run"
    if run.error is not None:
        error = " ".join(run.error.split())
        return "FAILED: " + (error if len(error) <= width else error[:width - 1] + "…")
    return _kev(value)


def summary_rows(results, events, width=60):
    """The main table's rows: query, Eddy K ev/s/core, Flink K ev/s/core, ratio, Eddy RSS,
    Flink RSS; the last row the geometric means over the queries both engines ran."""
    rows = []
    ratios = []
    for query, runs in results.items():
        eddy, flink = runs.get("eddy"), runs.get("flink")
        e, f = throughput(eddy, events), throughput(flink, events)
        ratio = e / f if e and f else None
        if ratio:
            ratios.append(ratio)
        rows.append([query, _cell(eddy, e, width), _cell(flink, f, width), f"{ratio:.2f}x" if ratio else "",
                     _mb(eddy), _mb(flink)])
    geomean = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else None
    rows.append(["geomean", "", "", f"{geomean:.2f}x ({len(ratios)} queries)" if geomean else "n/a", "", ""])
    return rows


SUMMARY_HEADER = ["query", "Eddy K ev/s/core", "Flink K ev/s/core", "Eddy/Flink", "Eddy RSS", "Flink RSS"]


def detail_rows(results, events):
    """Per query and engine: process wall, CPU, cores, peak RSS; Flink's job-only wall and CPU."""
    rows = []
    for query, runs in results.items():
        for engine, run in runs.items():
            m = run.measurement
            job = (f"{run.job_wall_s:.2f} s / {run.job_cpu_s:.2f} s" if run.job_cpu_s is not None else "")
            rows.append([query, engine, "ok" if run.error is None else "failed", f"{m.wall_s:.2f} s",
                         f"{m.cpu_s:.2f} s", f"{m.cores:.2f}", f"{m.peak_rss_kb / 1024:,.0f} MB", job,
                         _kev(events / m.cpu_s) if run.error is None and m.cpu_s > 0 else ""])
    return rows


DETAIL_HEADER = ["query", "engine", "status", "process wall", "process CPU", "cores", "peak RSS",
                 "job wall / CPU", "process K ev/s/core"]


def text_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def markdown_table(header, rows):
    escape = lambda c: str(c).replace("|", "\\|")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(map(escape, r)) + " |" for r in rows]
    return "\n".join(lines)
