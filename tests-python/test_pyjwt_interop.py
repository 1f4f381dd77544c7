"""Interoperability with PyJWT (a test-only dependency): for every algorithm,
tokens made by PyJWT verify in appjwt and tokens made by appjwt verify in PyJWT,
with the same claims."""

from __future__ import annotations

import time
from typing import Any

import jwt as pyjwt
import pytest

import appjwt
from conftest import ALL_ALGORITHMS, key_pair


def _claims() -> dict[str, Any]:
    now = int(time.time())
    return {
        "sub": "store-front",
        "iss": "tests",
        "aud": ["api", "admin"],
        "iat": now,
        "nbf": now - 10,
        "exp": now + 300,
        "scope": "users:read",
        "nested": {"list": [1, 2.5, None, True], "text": "héllo"},
    }


@pytest.mark.parametrize("algorithm", ALL_ALGORITHMS)
def test_pyjwt_token_verifies_in_appjwt(algorithm: str) -> None:
    signing_key, verification_key = key_pair(algorithm)
    claims = _claims()
    token = pyjwt.encode(claims, signing_key, algorithm=algorithm, headers={"kid": "k1"})
    decoded = appjwt.decode_complete(
        token, verification_key, algorithms=[algorithm], audience="api", issuer="tests"
    )
    assert decoded["payload"] == claims
    assert decoded["header"] == {"alg": algorithm, "typ": "JWT", "kid": "k1"}


@pytest.mark.parametrize("algorithm", ALL_ALGORITHMS)
def test_appjwt_token_verifies_in_pyjwt(algorithm: str) -> None:
    signing_key, verification_key = key_pair(algorithm)
    claims = _claims()
    token = appjwt.encode(claims, signing_key, algorithm=algorithm, headers={"kid": "k1"})
    decoded = pyjwt.decode_complete(
        token, verification_key, algorithms=[algorithm], audience="api", issuer="tests"
    )
    assert decoded["payload"] == claims
    assert decoded["header"] == {"alg": algorithm, "typ": "JWT", "kid": "k1"}


@pytest.mark.parametrize("algorithm", ["RS512", "ES256", "EdDSA", "HS384"])
def test_appjwt_and_pyjwt_agree_on_a_tampered_token(algorithm: str) -> None:
    signing_key, verification_key = key_pair(algorithm)
    header, _, signature = appjwt.encode({"admin": False}, signing_key, algorithm=algorithm).split(".")
    forged_payload = appjwt.encode({"admin": True}, signing_key, algorithm=algorithm).split(".")[1]
    forged = f"{header}.{forged_payload}.{signature}"
    with pytest.raises(pyjwt.InvalidSignatureError):
        pyjwt.decode(forged, verification_key, algorithms=[algorithm])
    with pytest.raises(appjwt.InvalidSignatureError):
        appjwt.decode(forged, verification_key, algorithms=[algorithm])


def test_appjwt_reads_a_pyjwt_detached_payload_token() -> None:
    signing_key, verification_key = key_pair("HS256")
    payload = b'{"a":1}'
    token = pyjwt.PyJWS().encode(payload, signing_key, algorithm="HS256", is_payload_detached=True)
    claims = appjwt.decode(token, verification_key, algorithms=["HS256"], detached_payload=payload)
    assert claims == {"a": 1}


def test_pyjwt_reads_an_appjwt_detached_payload_token() -> None:
    signing_key, verification_key = key_pair("ES384")
    payload = b'{"a":1}'
    token = appjwt.PyJWS().encode(payload, signing_key, algorithm="ES384", is_payload_detached=True)
    claims = pyjwt.decode(token, verification_key, algorithms=["ES384"], detached_payload=payload)
    assert claims == {"a": 1}


def test_import_appjwt_as_jwt_runs_pyjwt_style_code() -> None:
    import appjwt as jwt

    secret = "a-long-enough-secret-for-hs256-0123456789"
    encoded = jwt.encode({"some": "payload"}, secret, algorithm="HS256")
    try:
        jwt.decode(encoded, "wrong-secret-of-a-decent-length-0123456789", algorithms=["HS256"])
    except jwt.InvalidSignatureError:
        pass
    else:
        pytest.fail("a wrong secret must not verify")
    assert jwt.decode(encoded, secret, algorithms=["HS256"]) == {"some": "payload"}
