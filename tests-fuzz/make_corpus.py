#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus from test-vectors/*.json: one directory per target.

    python3 tests-fuzz/make_corpus.py OUT_DIR

Tokens seed decode/verify, their decoded payloads seed the claims target, PEM and
OpenSSH documents (and the DER inside each PEM) seed key parsing, JWK objects seed
JWK parsing and, gathered into documents, JWKS parsing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import re
import sys
from typing import Any, Iterator

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "test-vectors"
TOKEN_TARGETS = [
    "app_token",
    "decode_unverified",
    "verify_rsa",
    "verify_ec_p256",
    "verify_ed25519",
    "verify_hmac",
]
TOKEN = re.compile(r"[A-Za-z0-9_=+/-]*\.[A-Za-z0-9_=+/-]*(\.[A-Za-z0-9_=+/.-]*)?")
PEM_BODY = re.compile(r"-----BEGIN [A-Z ]+-----(.*?)-----END", re.S)
MAX_SEED = 64 * 1024


def walk(value: Any) -> Iterator[Any]:
    yield value
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    )
    for child in children:
        yield from walk(child)


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seeds(documents: list[Any]) -> dict[str, set[bytes]]:
    out: dict[str, set[bytes]] = {
        name: set() for name in [*TOKEN_TARGETS, "claims", "json", "key_pem", "key_jwk", "jwks"]
    }
    jwks: list[Any] = []
    for value in (v for document in documents for v in walk(document)):
        if isinstance(value, dict) and isinstance(value.get("kty"), str):
            out["key_jwk"].add(json.dumps(value).encode())
            jwks.append(value)
        if isinstance(value, dict) and isinstance(value.get("keys"), list):
            out["jwks"].add(json.dumps(value).encode())
        if not isinstance(value, str) or len(value) > MAX_SEED:
            continue
        if "-----BEGIN" in value or value.startswith(("ssh-", "ecdsa-sha2-")):
            out["key_pem"].add(value.encode())
            for body in PEM_BODY.findall(value):
                try:
                    out["key_pem"].add(base64.b64decode("".join(body.split())))
                except ValueError:
                    pass
        elif value.lstrip().startswith("{") and '"kty"' in value:
            out["key_jwk"].add(value.encode())
        elif TOKEN.fullmatch(value):
            for target in TOKEN_TARGETS:
                out[target].add(value.encode())
            for segment, targets in ((0, ["json"]), (1, ["claims", "json"])):
                try:
                    decoded = b64url_decode(value.split(".")[segment])
                except (ValueError, IndexError):
                    continue
                for target in targets:
                    out[target].add(decoded)
    out["jwks"].add(json.dumps({"keys": jwks}).encode())
    return out


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    documents = [json.loads(path.read_text()) for path in sorted(VECTORS.glob("*.json"))]
    root = pathlib.Path(sys.argv[1])
    for target, inputs in seeds(documents).items():
        directory = root / target
        directory.mkdir(parents=True, exist_ok=True)
        for data in inputs:
            (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"{target}: {len(inputs)} seeds")


if __name__ == "__main__":
    main()
