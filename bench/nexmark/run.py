#!/usr/bin/env python3
"""Nexmark on Eddy and on Apache Flink, side by side on this machine (issue #7).

Each query of bench/nexmark/queries runs on each engine with the same events (same generator,
seed and base time), the same parallelism and blackhole sinks; the table gives events per
second per core and peak memory per engine, the ratio and its geometric mean, and is written
to bench/results/nexmark-<commit>.md. A query that fails on an engine shows the error.

--check instead runs each query on a few events with print sinks and compares the engines'
final results (changelogs folded), after checking that Flink's table source yields the same
first 10,000 events as the test vectors of Eddy's generator.

Usage: run.py [--queries q0,q1] [--events N] [--parallelism 2] [--engines eddy,flink]
              [--eddy build/eddy] [--check | --check-source]
"""
import argparse
import collections
import datetime
from importlib import metadata
import os
import pathlib
import platform
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from runner import changelog, engines, measure, report, scripts  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
RESULTS = REPO / "bench" / "results"
VECTORS = REPO / "src" / "connectors" / "tests" / "data" / "nexmark_seed42.txt"
VECTOR_EVENTS = 10_000


def main():
    args = parse_args()
    queries = args.queries.split(",") if args.queries else scripts.available_queries()
    unknown = [q for q in queries if q not in scripts.available_queries()]
    if unknown:
        sys.exit(f"unknown queries: {', '.join(unknown)} (have {', '.join(scripts.available_queries())})")
    events = args.events or (10_000 if args.check else 1_000_000)
    workload = scripts.Workload(events=events, parallelism=args.parallelism)
    work_dir = pathlib.Path(tempfile.mkdtemp(prefix="eddy-nexmark-"))
    print(f"work folder (scripts and logs): {work_dir}")
    scripts.write_side_input(work_dir)

    all_engines = {"eddy": engines.Eddy(args.eddy), "flink": engines.Flink(args.flink_jvm_options.split())}
    chosen = {name: all_engines[name] for name in args.engines.split(",")}
    unavailable = {name: engine.check() for name, engine in chosen.items() if engine.check()}
    if "flink" in chosen and "flink" not in unavailable:
        chosen["flink"].build_jar()

    if args.check or args.check_source:
        if "flink" in unavailable:
            sys.exit(f"flink: {unavailable['flink']}")
        ok = check_source(chosen["flink"], work_dir)
        if args.check_source:
            sys.exit(0 if ok else 1)

    results = {}
    for query in queries:
        query_dir = work_dir / query
        query_dir.mkdir()
        results[query] = {}
        for name, engine in chosen.items():
            if name in unavailable:
                results[query][name] = not_run(name, unavailable[name], query_dir)
                continue
            # One script per engine: q10's filesystem sink writes into a folder of its own.
            script = query_dir / f"{name}.sql"
            script.write_text(scripts.query_script(query, workload, work_dir, print_sinks=args.check, submit_time=name))
            print(f"{query} on {name} ...", end=" ", flush=True)
            run = engine.run(script, query_dir, args.timeout)
            results[query][name] = run
            print("ok" if run.error is None else f"FAILED: {run.error}", f"({run.measurement.wall_s:.1f} s)")

    commit, dirty = git_commit()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.check:
        write_check(results, workload, commit, dirty, args.eddy, ok, work_dir)
    else:
        write_benchmark(results, workload, commit, dirty, args.eddy)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default="", help="comma-separated, e.g. q0,q1 (default: all)")
    parser.add_argument("--events", type=int, default=0,
                        help="events per query (default 1,000,000; 10,000 with --check)")
    parser.add_argument("--parallelism", type=int, default=2)
    parser.add_argument("--engines", default="eddy,flink")
    parser.add_argument("--eddy", default=str(REPO / "build" / "eddy"), help="the eddy binary")
    parser.add_argument("--flink-jvm-options", default="-Xmx2g",
                        help="options of Flink's JVM (default: a heap of at most 2 GB)")
    parser.add_argument("--timeout", type=int, default=1200, help="seconds per query and engine")
    parser.add_argument("--check", action="store_true", help="compare the engines' results instead of timing")
    parser.add_argument("--check-source", action="store_true",
                        help="only check Flink's table source against the generator's test vectors")
    args = parser.parse_args()
    bad = set(args.engines.split(",")) - {"eddy", "flink"}
    if bad:
        parser.error(f"unknown engines: {', '.join(sorted(bad))}")
    return args


def not_run(engine, reason, query_dir):
    nothing = measure.Measurement(exit_code=-1, timed_out=False, wall_s=0.0, cpu_s=0.0, peak_rss_kb=0)
    return engines.EngineRun(engine, nothing, None, None, reason, query_dir / f"{engine}.out")


def check_source(flink, work_dir):
    """Flink's table source, read through Flink SQL on one instance, against the vectors."""
    workload = scripts.Workload(events=VECTOR_EVENTS, parallelism=1, tps=10_000)
    ddl = work_dir / "vectors_ddl.sql"
    ddl.write_text(scripts.source_ddl(workload, work_dir))
    out = work_dir / "vectors.txt"
    m = measure.run(flink.java_command("io.eddy.nexmark.flink.EventVectors", ddl, VECTOR_EVENTS), out,
                    work_dir / "vectors.err", 600)
    same = m.exit_code == 0 and out.read_text() == VECTORS.read_text()
    print(f"Flink table source, first {VECTOR_EVENTS:,} events vs {VECTORS.relative_to(REPO)}: "
          + ("identical" if same else f"DIFFERENT (exit {m.exit_code}; see {out})"))
    return same


def git_commit():
    def git(*args):
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()
    return git("rev-parse", "--short", "HEAD") or "unknown", bool(git("status", "--porcelain", "--untracked-files=no"))


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model})"


def header(title, workload, commit, dirty, eddy_binary):
    return "\n".join([
        f"# {title}", "",
        f"- commit: {commit}" + (" (with uncommitted changes in the working tree)" if dirty else ""),
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {machine()}",
        f"- events per query: {workload.events:,}; parallelism {workload.parallelism}; seed {workload.seed}, "
        f"base time {workload.base_time}, first-event.rate {workload.tps:,}",
        f"- Eddy: `{eddy_binary} sql -f`",
        f"- Flink: apache-flink {flink_version()} from the project venv, local MiniCluster in one JVM "
        f"(bench/nexmark/flink RunSql)", ""])


def flink_version():
    try:
        return metadata.version("apache-flink")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def write_benchmark(results, workload, commit, dirty, eddy_binary):
    summary = report.summary_rows(results, workload.events)
    print()
    print(report.text_table(report.SUMMARY_HEADER, summary))
    details = report.detail_rows(results, workload.events)
    errors = [(q, e, r.error) for q, runs in results.items() for e, r in runs.items() if r.error is not None]
    text = [header("Nexmark: Eddy and Apache Flink side by side", workload, commit, dirty, eddy_binary),
            report.markdown_table(report.SUMMARY_HEADER, report.summary_rows(results, workload.events, width=200)),
            "",
            "## How it is measured", "", report.METHOD, "",
            "## Detail", "", report.markdown_table(report.DETAIL_HEADER, details), ""]
    if errors:
        text += ["## Errors", ""] + [f"- {q} on {e}: `{' '.join(err.split())}`" for q, e, err in errors] + [""]
    path = RESULTS / f"nexmark-{commit}.md"
    path.write_text("\n".join(text))
    print(f"\nwritten to {path.relative_to(REPO)}")


# Queries whose result Flink sends to the print sink as an upsert stream (its Top-1 emits
# +U without -U when the sink does not ask for update-befores), with the number of leading
# fields that form the key: both engines' changelogs are folded on it.
UPSERT_KEYS = {"q9": 1}

# Queries whose result depends on the wall clock: q12 windows on processing time, and both
# engines drop the windows still open when the input ends (Flink quiesces its timers before
# finish), so the rows depend on how long each engine takes to read the events. Their rows are
# reported, not compared.
CLOCK_DEPENDENT = {"q12"}


# Queries whose sink is a filesystem table, with the folder it writes (relative to the work
# folder, {engine} filled in): the check compares the lines of the committed files and which
# partitions have a success file, instead of print-sink output.
FILE_SINKS = {"q10": "data/output/{engine}/bid"}


def file_sink_rows(folder):
    """The lines of the committed files below `folder` (hidden in-progress files left out) as
    a multiset, with one "_SUCCESS <partition>" entry per committed partition; and how many
    files there were."""
    rows = collections.Counter()
    files = 0
    for path in sorted(pathlib.Path(folder).rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        files += 1
        if path.name == "_SUCCESS":
            rows[f"_SUCCESS {path.parent.relative_to(folder)}"] += 1
        else:
            rows.update(path.read_text(errors="replace").splitlines())
    return dict(rows), files


def folded_result(query, engine, run, work_dir):
    if query in FILE_SINKS:
        return file_sink_rows(work_dir / FILE_SINKS[query].format(engine=engine))
    return changelog.fold(run.stdout_path.read_text(errors="replace"), UPSERT_KEYS.get(query, 0))


def write_check(results, workload, commit, dirty, eddy_binary, source_ok, work_dir):
    rows = []
    for query, runs in results.items():
        folded = {engine: folded_result(query, engine, run, work_dir)
                  for engine, run in runs.items() if run.error is None}
        counts = [f"{sum(folded[e][0].values())} ({folded[e][1]} changes)" if e in folded else ""
                  for e in ("eddy", "flink")]
        failed = [f"{r.engine}: {r.error}" for r in runs.values() if r.error is not None]
        if failed:
            result = "FAILED: " + "; ".join(failed)
        elif len(folded) < 2:
            result = "needs both engines"
        elif query in CLOCK_DEPENDENT:
            result = "not compared: the result depends on processing time"
        else:
            result = changelog.compare(folded["eddy"][0], folded["flink"][0]) or "same"
        rows.append([query, *counts, result])
    check_header = ["query", "Eddy rows (changes; files for q10)", "Flink rows (changes; files for q10)", "result"]
    print()
    print(report.text_table(check_header, rows))
    text = [header("Nexmark: Eddy's results against Apache Flink's", workload, commit, dirty, eddy_binary),
            f"Flink's table source against the generator's test vectors (first {VECTOR_EVENTS:,} events): "
            + ("identical" if source_ok else "DIFFERENT"), "",
            report.markdown_table(check_header, rows), ""]
    path = RESULTS / f"nexmark-check-{commit}.md"
    path.write_text("\n".join(text))
    print(f"\nwritten to {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
