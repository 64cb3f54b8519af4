"""The two engines of the comparison, each as a command that runs a SQL script to its end.

Eddy: `eddy sql -f script.sql`. Flink: RunSql (bench/nexmark/flink) on a local MiniCluster in
one JVM, with the Flink jars of the apache-flink package in the project venv on its classpath
beside the jar of our Nexmark table source. RunSql reports each job's wall and CPU time, so
Flink's figures can leave out the JVM's start and the planner's warm-up (see report.py).
"""
import dataclasses
import importlib.util
import pathlib
import re
import subprocess

from . import measure

FLINK_MODULE = pathlib.Path(__file__).resolve().parent.parent / "flink"
FLINK_JAR = FLINK_MODULE / "target" / "eddy-nexmark-flink-0.1.0.jar"
_JOB_LINE = re.compile(r"^job \d+ wall_ms=(\d+) cpu_ms=(\d+)$", re.MULTILINE)


@dataclasses.dataclass
class EngineRun:
    """One engine's run of one script: its measurement, the job-only times if the engine
    reports them, and the error that stopped it (None when it succeeded)."""
    engine: str
    measurement: measure.Measurement
    job_wall_s: float | None
    job_cpu_s: float | None
    error: str | None
    stdout_path: pathlib.Path


class Eddy:
    name = "eddy"

    def __init__(self, binary):
        self.binary = pathlib.Path(binary)

    def check(self):
        """None when the engine can run, else why not."""
        return None if self.binary.is_file() else f"no eddy binary at {self.binary} (build it first)"

    def command(self, script):
        return [str(self.binary), "sql", "-f", str(script)]

    def run(self, script, out_dir, timeout_s):
        stdout, stderr = out_dir / "eddy.out", out_dir / "eddy.err"
        m = measure.run(self.command(script), stdout, stderr, timeout_s)
        text = stdout.read_text(errors="replace")
        error = _timeout_or_signal(m, timeout_s)
        if error is None and (m.exit_code != 0 or "[ERROR]" in text):
            error = _eddy_error(text, stderr.read_text(errors="replace"), m.exit_code)
        return EngineRun(self.name, m, None, None, error, stdout)


class Flink:
    name = "flink"

    def __init__(self, jvm_options):
        self.jvm_options = list(jvm_options)
        spec = importlib.util.find_spec("pyflink")
        self.pyflink = pathlib.Path(spec.origin).parent if spec else None

    def check(self):
        if self.pyflink is None:
            return "apache-flink is not installed in this Python (bash scripts/setup.d/flink.sh --install)"
        return None

    def build_jar(self):
        """Builds (and tests) the table source's jar with Maven when a file of it is newer."""
        sources = [FLINK_MODULE / "pom.xml", *(p for p in (FLINK_MODULE / "src" / "main").rglob("*") if p.is_file())]
        if FLINK_JAR.exists() and FLINK_JAR.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
            return
        subprocess.run(["mvn", "-q", "-B", "-f", str(FLINK_MODULE / "pom.xml"), "package"], check=True)
        FLINK_JAR.touch()  # Maven leaves an unchanged jar's time as it was

    def java_command(self, main_class, *args):
        classpath = f"{self.pyflink / 'lib'}/*:{FLINK_JAR}"
        return ["java", *self.jvm_options, f"-Dlog4j.configurationFile={FLINK_MODULE / 'log4j2.properties'}",
                "-cp", classpath, main_class, *map(str, args)]

    def command(self, script):
        return self.java_command("io.eddy.nexmark.flink.RunSql", script)

    def run(self, script, out_dir, timeout_s):
        stdout, stderr = out_dir / "flink.out", out_dir / "flink.err"
        m = measure.run(self.command(script), stdout, stderr, timeout_s)
        err = stderr.read_text(errors="replace")
        jobs = [(int(w), int(c)) for w, c in _JOB_LINE.findall(err)]
        error = _timeout_or_signal(m, timeout_s)
        if error is None and m.exit_code != 0:
            error = _flink_error(err, m.exit_code)
        job_wall = sum(w for w, _ in jobs) / 1000 if jobs else None
        job_cpu = sum(c for _, c in jobs) / 1000 if jobs else None
        return EngineRun(self.name, m, job_wall, job_cpu, error, stdout)


def _timeout_or_signal(m, timeout_s):
    if m.timed_out:
        return f"timed out after {timeout_s} s"
    if m.exit_code < 0:
        return f"killed by signal {-m.exit_code}"
    return None


def _eddy_error(stdout, stderr, exit_code):
    # The SQL client prints "[ERROR] Could not execute SQL statement. Reason:" and the reason.
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("[ERROR]"):
            reason = [l for l in lines[i + 1:] if l.strip()][:1]
            return reason[0] if reason else line
    last = [l for l in stderr.splitlines() if l.strip()]
    return last[-1] if last else f"exit code {exit_code}"


def _flink_error(stderr, exit_code):
    # The root cause is the last "Caused by:" of RunSql's stack trace, else its first line.
    lines = stderr.splitlines()
    if "[ERROR] Could not execute SQL statement. Reason:" in lines:
        trace = lines[lines.index("[ERROR] Could not execute SQL statement. Reason:") + 1:]
        causes = [l[len("Caused by: "):] for l in trace if l.startswith("Caused by: ")]
        if causes:
            return causes[-1]
        if trace:
            return trace[0]
    last = [l for l in lines if l.strip()]
    return last[-1] if last else f"exit code {exit_code}"
