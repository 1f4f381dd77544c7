"""Many threads signing and verifying at once give correct results (the GIL is
released around the core's crypto)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import appjwt
from conftest import key_pair

THREADS = 8
TOKENS_PER_THREAD = 50


def _sign_and_verify(worker: int, algorithm: str) -> list[tuple[int, int]]:
    signing_key, verification_key = key_pair(algorithm)
    results = []
    for n in range(TOKENS_PER_THREAD):
        token = appjwt.encode({"worker": worker, "n": n}, signing_key, algorithm=algorithm)
        claims = appjwt.decode(token, verification_key, algorithms=[algorithm])
        results.append((claims["worker"], claims["n"]))
    return results


def _run_concurrently(algorithm: str) -> None:
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(_sign_and_verify, worker, algorithm) for worker in range(THREADS)]
        for worker, future in enumerate(futures):
            assert future.result() == [(worker, n) for n in range(TOKENS_PER_THREAD)]


def test_threads_sign_and_verify_rs256_concurrently() -> None:
    _run_concurrently("RS256")


def test_threads_sign_and_verify_es256_concurrently() -> None:
    _run_concurrently("ES256")


def test_threads_sign_and_verify_hs256_concurrently() -> None:
    _run_concurrently("HS256")


def test_threads_share_one_key_object() -> None:
    signing_key, verification_key = key_pair("EdDSA")
    private_key = appjwt.Key.from_pem(signing_key)
    public_key = appjwt.Key.from_pem(verification_key)

    def verify_many(worker: int) -> int:
        verified = 0
        for n in range(TOKENS_PER_THREAD):
            token = appjwt.encode({"n": n, "w": worker}, private_key, algorithm="EdDSA")
            verified += appjwt.decode(token, public_key, algorithms=["EdDSA"])["n"] == n
        return verified

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        assert list(pool.map(verify_many, range(THREADS))) == [TOKENS_PER_THREAD] * THREADS


def test_threads_get_errors_for_bad_tokens_while_others_verify() -> None:
    signing_key, verification_key = key_pair("RS512")
    good = appjwt.encode({"ok": True}, signing_key, algorithm="RS512")
    bad = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")

    def check(index: int) -> str:
        token = good if index % 2 == 0 else bad
        try:
            appjwt.decode(token, verification_key, algorithms=["RS512"])
            return "ok"
        except appjwt.InvalidSignatureError:
            return "refused"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(check, range(THREADS * 10)))
    assert outcomes == ["ok" if i % 2 == 0 else "refused" for i in range(THREADS * 10)]
