"""Turns bench/nexmark/queries/{ddl.sql,qN.sql} into one runnable script per engine.

Both engines get the same text: a SET of the parallelism, the reference DDL with its
placeholders filled in and the source pinned to a seed and a base time (so that both see the
same events), then the query. For the correctness check the blackhole sinks become print sinks.
"""
import dataclasses
import pathlib
import re

QUERIES_DIR = pathlib.Path(__file__).resolve().parent.parent / "queries"

# The source's options in ddl.sql, after which the runner's own are added.
_SOURCE_CONNECTOR = "'connector' = 'nexmark',"
_BLACKHOLE = re.compile(r"'connector'\s*=\s*'blackhole'")


@dataclasses.dataclass(frozen=True)
class Workload:
    """What every engine runs: the event count, parallelism and generator settings."""
    events: int
    parallelism: int
    seed: int = 42
    base_time: int = 1_700_000_000_000  # epoch millis of the first event
    tps: int = 10_000_000  # the reference's first-event.rate: sets the event-time spacing
    person_proportion: int = 1
    auction_proportion: int = 3
    bid_proportion: int = 46


def available_queries():
    """q0, q1, ... as present in the queries folder, in numeric order."""
    names = [p.stem for p in QUERIES_DIR.glob("q*.sql") if re.fullmatch(r"q\d+", p.stem)]
    return sorted(names, key=lambda name: int(name[1:]))


def _fill(text, values):
    for key, value in values.items():
        text = text.replace("${" + key + "}", str(value))
    return text


def source_ddl(workload, work_dir):
    """ddl.sql with its placeholders filled in and seed and base-time added to the source."""
    ddl = _fill((QUERIES_DIR / "ddl.sql").read_text(), _placeholders(workload, work_dir))
    if _SOURCE_CONNECTOR not in ddl:
        raise ValueError(f"{QUERIES_DIR / 'ddl.sql'} has no {_SOURCE_CONNECTOR!r} to add the seed to")
    pinned = f"{_SOURCE_CONNECTOR}\n    'seed' = '{workload.seed}',\n    'base-time' = '{workload.base_time}',"
    return ddl.replace(_SOURCE_CONNECTOR, pinned, 1)


def query_script(query, workload, work_dir, print_sinks=False, submit_time="run"):
    """The whole script for one query: SET, DDL, the query's own statements. `submit_time`
    fills ${SUBMIT_TIME}, the folder q10's filesystem sink writes into under the work folder."""
    text = _fill((QUERIES_DIR / f"{query}.sql").read_text(), _placeholders(workload, work_dir, submit_time))
    if print_sinks:
        text = _BLACKHOLE.sub("'connector' = 'print'", text)
    return (f"SET 'parallelism.default' = '{workload.parallelism}';\n\n"
            f"{source_ddl(workload, work_dir).rstrip()}\n\n{text}\n")


def write_side_input(work_dir, rows=10_000):
    """q13's side input where ${FLINK_HOME}/data/side_input.txt points: "i,i" for i below rows,
    as the reference's SideInputGenerator writes it."""
    path = pathlib.Path(work_dir) / "data" / "side_input.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{i},{i}\n" for i in range(rows)))


def _placeholders(workload, work_dir, submit_time="run"):
    # The reference runner's variables; the folders it names are the run's own work folder.
    return {
        "TPS": workload.tps,
        "EVENTS_NUM": workload.events,
        "PERSON_PROPORTION": workload.person_proportion,
        "AUCTION_PROPORTION": workload.auction_proportion,
        "BID_PROPORTION": workload.bid_proportion,
        "NEXMARK_TABLE": "datagen",
        "NEXMARK_DIR": work_dir,
        "FLINK_HOME": work_dir,
        "SUBMIT_TIME": submit_time,
    }
