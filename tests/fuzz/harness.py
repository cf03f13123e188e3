"""Run fuzz cases in a small pool of worker subprocesses, each case with a time limit.

Each worker (:mod:`tests.fuzz.worker`) imports coopgame once and then runs one
case at a time; a case past its time limit gets the outcome ``hang`` and its
worker is killed and replaced, a worker that dies gets ``crash``.
"""

from __future__ import annotations

import json
import os
import queue
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120.0  # importing coopgame (sympy, scipy, pandas, numba) on a busy machine


class Worker:
    def __init__(self) -> None:
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        # run in a scratch folder: a case such as write_nfg(game, path='junk') writes its file there
        self.scratch = tempfile.TemporaryDirectory(prefix="coopgame-fuzz-")
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.fuzz.worker"], cwd=self.scratch.name, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, bufsize=1)
        self.selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)
        ready = self._read(START_TIMEOUT)
        if not ready or not ready.get("ready"):
            self.kill()
            raise RuntimeError("the fuzz worker did not start")

    def _read(self, timeout: float) -> dict | None:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.selector.select(left):
                return None
            line = self.proc.stdout.readline()
            if not line:
                return {"outcome": "crash", "detail": f"the worker died (exit status {self.proc.wait()})"}
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue

    def run(self, case_id: str, code: str, timeout: float) -> dict:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps({"id": case_id, "code": code}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return {"outcome": "crash", "detail": "the worker died before the case"}
        answer = self._read(timeout)
        if answer is None:
            return {"outcome": "hang", "detail": f"still running after {timeout:g} s"}
        return answer

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.selector.close()
        self.scratch.cleanup()


def run_cases(cases: dict[str, str], timeout: float, workers: int = 2) -> dict[str, dict]:
    """Outcome of every case (id -> code), run by ``workers`` worker processes in parallel."""
    todo: queue.Queue[tuple[str, str]] = queue.Queue()
    for item in cases.items():
        todo.put(item)
    outcomes: dict[str, dict] = {}
    lock = threading.Lock()

    def drain() -> None:
        worker: Worker | None = None
        try:
            while True:
                try:
                    case_id, code = todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None or not worker.alive():
                    worker = Worker()
                outcome = worker.run(case_id, code, timeout)
                if outcome["outcome"] in ("hang", "crash"):
                    worker.kill()
                    worker = None
                with lock:
                    outcomes[case_id] = outcome
        finally:
            if worker is not None:
                worker.kill()

    threads = [threading.Thread(target=drain, daemon=True) for _ in range(max(1, min(workers, len(cases))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
