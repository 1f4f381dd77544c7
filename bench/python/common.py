"""What every Python benchmark shares: the workload of issue 6, the key files that
bench/run generates, and the timing loop (ops/s = median of several runs)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

APP_ID = "storefront-7f3a9c1e5b2d4086a1c3e5f"  # 34 characters
EXPIRES_IN = 300
ALG = "RS512"
SMOKE = os.environ.get("BENCH_SMOKE") == "1"


def key_file(name: str) -> str:
    directory = os.environ.get("APPJWT_BENCH_KEYS")
    if not directory:
        raise SystemExit("APPJWT_BENCH_KEYS is not set (bench/run sets it)")
    return (Path(directory) / name).read_text()


PRIVATE_PEM = key_file("rsa2048_private.pem")
PUBLIC_PEM = key_file("rsa2048_public.pem")


def payload() -> dict[str, Any]:
    now = int(time.time())
    return {"appId": APP_ID, "iat": now, "exp": now + EXPIRES_IN}


# Smoke (CI): one short run per row. Full: warm-up, then the median of 5 runs.
RUNS, SECONDS, MAX_ITERATIONS, WARM_UP = (1, 0.05, 300, 0.0) if SMOKE else (5, 0.6, 10**9, 0.3)


def timed_run(op: Callable[[], object], seconds: float, max_iterations: int) -> float:
    """Calls op for `seconds` of wall time: ops per CPU second of the process (equal to
    ops/s on an idle core, and robust when other processes share the machine)."""
    deadline = time.perf_counter() + seconds
    cpu_start = time.process_time()
    n = 0
    while True:
        op()
        n += 1
        if n >= max_iterations or time.perf_counter() >= deadline:
            return n / (time.process_time() - cpu_start)


def ops_per_second(op: Callable[[], object]) -> float:
    if WARM_UP:
        timed_run(op, WARM_UP, 10**9)
    return statistics.median(timed_run(op, SECONDS, MAX_ITERATIONS) for _ in range(RUNS))


def emit(**row: object) -> None:
    """One result line for bench/run's report."""
    sys.stdout.write(json.dumps({"lang": "python", **row}) + "\n")
    sys.stdout.flush()
