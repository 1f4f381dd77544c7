"""RSS growth of appjwt.decode (PEM string per call, the drop-in path) over N valid
tokens, then N rejected ones (tampered signature), each after a warm-up.
Usage: python rss.py [N]   (default 1,000,000)"""

from __future__ import annotations

import gc
import os
import resource
import sys
from typing import Callable

import appjwt
from common import ALG, PRIVATE_PEM, PUBLIC_PEM, emit, payload


def rss() -> int:
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(verify_one: Callable[[], None], n: int, warm_up: int) -> tuple[int, int]:
    for _ in range(warm_up):
        verify_one()
    before = rss()
    for _ in range(n):
        verify_one()
    return before, rss()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    warm_up = max(1000, n // 50)
    token = appjwt.encode(payload(), PRIVATE_PEM, algorithm=ALG)
    # Another base64url character inside the signature: well-formed, wrong signature.
    at = len(token) - 20
    tampered = token[:at] + ("B" if token[at] == "A" else "A") + token[at + 1 :]
    rejected = 0

    def verify_valid() -> None:
        appjwt.decode(token, PUBLIC_PEM, algorithms=[ALG])

    def verify_tampered() -> None:
        nonlocal rejected
        try:
            appjwt.decode(tampered, PUBLIC_PEM, algorithms=[ALG])
        except appjwt.InvalidSignatureError:
            rejected += 1

    rss_before, rss_after = measure(verify_valid, n, warm_up)
    rejected_before, rejected_after = measure(verify_tampered, n, warm_up)
    if rejected != n + warm_up:
        raise SystemExit(f"only {rejected} tampered tokens were rejected")
    emit(verifies=n, rss_before=rss_before, rss_after=rss_after, rejected_rss_before=rejected_before,
         rejected_rss_after=rejected_after,
         peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)


if __name__ == "__main__":
    main()
