"""2-thread scaling: verifies (and signs) per second with 1 and 2 threads, RS512
with RSA-2048. appjwt releases the GIL for the crypto; PyJWT with a loaded
cryptography key is shown for comparison."""

from __future__ import annotations

import statistics
import threading
import time
from typing import Any, Callable

import jwt as pyjwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key

import appjwt
from common import ALG, PRIVATE_PEM, PUBLIC_PEM, RUNS, SECONDS, SMOKE, emit, payload

TOKEN = pyjwt.encode(payload(), PRIVATE_PEM, algorithm=ALG)


def threaded_ops_per_second(op: Callable[[], Any], threads: int, seconds: float) -> float:
    """Total ops/s of `threads` threads each calling op for `seconds`."""
    start_together = threading.Barrier(threads + 1)
    counts = [0] * threads
    stop = [False]

    def worker(index: int) -> None:
        start_together.wait()
        n = 0
        while not stop[0]:
            op()
            n += 1
        counts[index] = n

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    start_together.wait()
    start = time.perf_counter()
    time.sleep(seconds)
    stop[0] = True
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - start)


def main() -> None:
    private_key, public_key = appjwt.Key.from_pem(PRIVATE_PEM), appjwt.Key.from_pem(PUBLIC_PEM)
    crypto_public_key = load_pem_public_key(PUBLIC_PEM.encode())
    rows: list[tuple[str, str, str, Callable[[], Any]]] = [
        ("appjwt", "verify", "key object", lambda: appjwt.decode(TOKEN, public_key, algorithms=[ALG])),
        ("appjwt", "verify", "PEM per call", lambda: appjwt.decode(TOKEN, PUBLIC_PEM, algorithms=[ALG])),
        ("appjwt", "sign", "key object", lambda: appjwt.encode(payload(), private_key, algorithm=ALG)),
        ("PyJWT", "verify", "key object", lambda: pyjwt.decode(TOKEN, crypto_public_key, algorithms=[ALG])),
    ]
    seconds = 0.1 if SMOKE else SECONDS
    for library, op, mode, run in rows:
        for threads in (1, 2):
            ops = statistics.median(threaded_ops_per_second(run, threads, seconds) for _ in range(RUNS))
            emit(library=library, op=op, mode=mode, alg="RS512-2048", threads=threads, ops=ops)


if __name__ == "__main__":
    main()
