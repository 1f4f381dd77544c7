#!/usr/bin/env python3
"""Rejected tokens through the Python binding, for memory checks (scripts/test-security).

    rejected_tokens.py --once              every attack case once (run it under valgrind)
    rejected_tokens.py --count 100000      that many rejections; fails unless RSS stays flat

Each rejection goes through the PyJWT-compatible decode() with str/bytes keys, or
KeyStore.verify() for key-store cases, and must raise appjwt.PyJWTError (or
ValueError for the caller's own mistakes). A leak of about 100 bytes per
rejection grows RSS by 10 MiB over 100,000, so the bound is about memory, not time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pathlib
import tempfile
from collections.abc import Callable

import appjwt

ROOT = pathlib.Path(__file__).resolve().parents[2]
ATTACKS = json.loads((ROOT / "test-vectors" / "attacks.json").read_text("utf-8"))
RSS_GROWTH_LIMIT = 4 * 1024 * 1024
WARM_UP = 10_000


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def key_material(case: dict) -> str | bytes:
    entry = ATTACKS["keys"][case["key"]]
    return entry["pem"] if entry["format"] == "pem" else entry["secret"].encode()


def rejections(store: appjwt.KeyStore) -> list[Callable[[], object]]:
    """One call per attack case that fits in memory many times over (no 10 MB tokens)."""
    calls: list[Callable[[], object]] = []
    for case in ATTACKS["cases"]:
        token = case.get("token")
        if not isinstance(token, str):
            continue
        if case["section"] == "key_store":
            from_kid = case["app_id_from"] == "kid"
            calls.append(lambda t=token, k=from_kid: store.verify(t, app_id_from_kid=k))
        elif case["section"] != "keys" and set(case["options"]) == {"algorithms"}:
            key, algorithms = key_material(case), case["options"]["algorithms"]
            calls.append(lambda t=token, k=key, a=algorithms: appjwt.decode(t, k, algorithms=a))
        elif case.get("operation") == "secret":
            calls.append(lambda s=case["secret"]: appjwt.Key.from_secret(s))
    return calls


def reject(call: Callable[[], object]) -> None:
    try:
        call()
    except (appjwt.PyJWTError, ValueError):
        return
    raise AssertionError("an attack case was accepted")


def main() -> None:
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true")
    mode.add_argument("--count", type=int)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        keys = pathlib.Path(directory)
        (keys / "store-front_public.pem").write_text(ATTACKS["keys"]["server_rsa_public"]["pem"])
        store = appjwt.KeyStore.from_directory(keys)
        calls = rejections(store)
        if arguments.once:
            for call in calls:
                reject(call)
            print(f"python: {len(calls)} attack cases rejected once each")
            return
        for i in range(WARM_UP):
            reject(calls[i % len(calls)])
        gc.collect()
        before = resident_bytes()
        for i in range(arguments.count):
            reject(calls[i % len(calls)])
        gc.collect()
        growth = resident_bytes() - before
        print(f"python: {arguments.count} rejections, RSS grew {growth / 1024:.0f} KiB")
        if growth > RSS_GROWTH_LIMIT:
            raise SystemExit(f"RSS grew by more than {RSS_GROWTH_LIMIT // 1024} KiB: a leak")


if __name__ == "__main__":
    main()
