"""Runs the web server and the task worker as children: restarts whichever dies, and on
SIGTERM, SIGINT or SIGHUP stops both, letting in-flight requests and the running task finish."""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import TextIO

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
QUICK_CRASH_SECONDS = 10  # a child that dies sooner is crash-looping: wait longer each time
LONGEST_RESTART_DELAY = 30.0


def _die_with_parent() -> None:
    """Runs in the child before exec: if the supervisor is killed (even -9), the child gets SIGTERM."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_crashes: int = 0
    restart_at: float = 0.0

    def start(self) -> None:
        # Its own process group: a terminal's Ctrl-C reaches only the supervisor, which then
        # sends one SIGTERM (a second signal makes the task worker abandon its task).
        self.process = subprocess.Popen(  # noqa: S603 - our own commands
            self.command, process_group=0, preexec_fn=_die_with_parent
        )
        self.started_at = time.monotonic()

    def kill_group(self, signum: int) -> None:
        """Signals the child and anything it left behind (granian's workers outlive a killed main)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)


class Supervisor:
    def __init__(self, children: list[Child], *, grace_seconds: float, log: TextIO) -> None:
        self.children = children
        self.grace_seconds = grace_seconds
        self.log = log
        self.stopping = False

    def run(self) -> int:
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._request_stop)
        for child in self.children:
            child.start()
        while not self.stopping:
            for child in self.children:
                self._restart_if_dead(child)
            time.sleep(0.2)
        self._stop_all()
        return 0

    def _request_stop(self, signum: int, frame: object) -> None:
        self.stopping = True

    def _restart_if_dead(self, child: Child) -> None:
        assert child.process is not None
        now = time.monotonic()
        if child.restart_at:
            if now >= child.restart_at:
                child.restart_at = 0.0
                child.start()
            return
        code = child.process.poll()
        if code is None:
            return
        child.kill_group(signal.SIGKILL)  # orphans of a killed parent would hold the port
        quick = now - child.started_at < QUICK_CRASH_SECONDS
        child.quick_crashes = child.quick_crashes + 1 if quick else 0
        delay = min(LONGEST_RESTART_DELAY, 0.5 * 2**child.quick_crashes)
        self.log.write(f"{child.name} exited with code {code}; restarting in {delay:g} s\n")
        self.log.flush()
        child.restart_at = now + delay

    def _stop_all(self) -> None:
        running = [c for c in self.children if c.process and c.process.poll() is None]
        for child in running:
            assert child.process is not None
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace_seconds
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.log.write(f"{child.name} did not stop within {self.grace_seconds:g} s\n")
            child.kill_group(signal.SIGKILL)
