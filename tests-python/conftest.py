"""Shared fixtures: the test vectors and test keys of test-vectors/, read once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

VECTORS_DIR = Path(__file__).resolve().parent.parent / "test-vectors"


def _load(name: str) -> Any:
    # A missing or broken vectors file fails every test that needs it: never a skip.
    with open(VECTORS_DIR / name, encoding="utf-8") as file:
        return json.load(file)


VECTORS = _load("vectors.json")
TEST_KEYS = _load("keys.json")


@pytest.fixture(scope="session")
def vectors() -> dict[str, Any]:
    return VECTORS


@pytest.fixture(scope="session")
def test_keys() -> dict[str, dict[str, Any]]:
    """keys.json "keys": name -> formats (private_pkcs8_pem, public_jwk, ...)."""
    return TEST_KEYS["keys"]


@pytest.fixture(scope="session")
def rsa_key(test_keys: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return test_keys["rsa2048"]


# A private key in PKCS#8 PEM and its public SPKI PEM for every algorithm, from keys.json.
KEY_NAME_FOR_ALGORITHM = {
    "RS256": "rsa2048",
    "RS384": "rsa2048",
    "RS512": "rsa2048",
    "PS256": "rsa2048",
    "PS384": "rsa2048",
    "PS512": "rsa2048",
    "ES256": "ec_p256",
    "ES384": "ec_p384",
    "ES512": "ec_p521",
    "EdDSA": "ed25519",
}
ASYMMETRIC_ALGORITHMS = list(KEY_NAME_FOR_ALGORITHM)
HMAC_ALGORITHMS = ["HS256", "HS384", "HS512"]
ALL_ALGORITHMS = ASYMMETRIC_ALGORITHMS + HMAC_ALGORITHMS
# Long enough for HS512 (RFC 7518 section 3.2), so no key-length warning.
HMAC_SECRET = b"k" * 64


def key_pair(algorithm: str) -> tuple[Any, Any]:
    """(signing key, verification key) for algorithm, as PEM strings or HMAC bytes."""
    if algorithm in HMAC_ALGORITHMS:
        return HMAC_SECRET, HMAC_SECRET
    formats = TEST_KEYS["keys"][KEY_NAME_FOR_ALGORITHM[algorithm]]
    return formats["private_pkcs8_pem"], formats["public_spki_pem"]
