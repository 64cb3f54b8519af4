"""Runs one process and measures it: wall time, CPU time (user + sys, all threads) and peak
resident memory, read from the kernel's rusage when the process is reaped (os.wait4)."""
import dataclasses
import os
import signal
import subprocess
import threading
import time


@dataclasses.dataclass
class Measurement:
    """What one run of a command cost, and how it ended."""
    exit_code: int
    timed_out: bool
    wall_s: float
    cpu_s: float
    peak_rss_kb: int

    @property
    def cores(self):
        return self.cpu_s / self.wall_s if self.wall_s > 0 else 0.0


def run(cmd, stdout_path, stderr_path, timeout_s, cwd=None, env=None):
    """Runs cmd with its output in the two files; kills its process group after timeout_s."""
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(exit_code=proc.returncode, timed_out=timed_out.is_set(), wall_s=wall,
                       cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_kb=usage.ru_maxrss)
