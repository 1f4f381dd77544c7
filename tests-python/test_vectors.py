"""The shared test vectors (test-vectors/vectors.json) through the Python API."""

from __future__ import annotations

import base64
from typing import Any

import pytest

import appjwt
from conftest import VECTORS


def _options(case: dict[str, Any]) -> appjwt.VerifyOptions:
    return appjwt.VerifyOptions(**{**VECTORS["default_options"], **case.get("options", {})})


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _assert_outcome(case: dict[str, Any], verify: Any) -> None:
    if case["error"] is None:
        verify()
        return
    with pytest.raises((appjwt.PyJWTError, ValueError)) as raised:
        verify()
    assert raised.value.code == case["error"]
    if "claim" in case:
        assert raised.value.claim == case["claim"]


EXAMPLES = VECTORS["jws_examples"]
DETERMINISTIC = [example for example in EXAMPLES if example["deterministic"]]
AS_JWT = [example for example in EXAMPLES if "verify_as_jwt" in example]


@pytest.mark.parametrize("example", DETERMINISTIC, ids=lambda example: example["name"])
def test_signing_a_published_example_reproduces_its_token(example: dict[str, Any]) -> None:
    key = appjwt.Key.from_jwk(example["jwk"])
    token = appjwt.sign_compact(example["header_json"], example["payload"], key, example["alg"])
    assert token == example["token"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example["name"])
def test_a_published_signature_verifies_with_the_public_key(example: dict[str, Any]) -> None:
    key = appjwt.Key.from_jwk(example["jwk"])
    verification_key = key if key.type == "secret" else key.public_key()
    assert appjwt.verify_bytes(
        example["signing_input"], _b64decode(example["signature"]), verification_key, example["alg"]
    )


@pytest.mark.parametrize("example", AS_JWT, ids=lambda example: example["name"])
def test_a_published_jwt_verifies_with_its_options(example: dict[str, Any]) -> None:
    key = appjwt.Key.from_jwk(example["jwk"])
    decoded = appjwt.verify(example["token"], key, appjwt.VerifyOptions(**example["verify_as_jwt"]))
    assert decoded["payload"]["iss"] == "joe"


@pytest.mark.parametrize("example", AS_JWT, ids=lambda example: example["name"])
def test_a_published_jwt_decodes_through_the_pyjwt_api(example: dict[str, Any]) -> None:
    key = appjwt.Key.from_jwk(example["jwk"])
    claims = appjwt.decode(
        example["token"], key, algorithms=[example["alg"]], options={"verify_exp": False}
    )
    assert claims == {"iss": "joe", "exp": 1300819380, "http://example.com/is_root": True}


@pytest.mark.parametrize("case", VECTORS["token_cases"], ids=lambda case: case["name"])
def test_token_case(case: dict[str, Any]) -> None:
    _assert_outcome(
        case, lambda: appjwt.verify(case["token"], VECTORS["hmac_secret"].encode(), _options(case))
    )


@pytest.mark.parametrize("case", VECTORS["claim_cases"], ids=lambda case: case["name"])
def test_claim_case_through_verify(case: dict[str, Any]) -> None:
    _assert_outcome(
        case, lambda: appjwt.verify(case["token"], VECTORS["hmac_secret"].encode(), _options(case))
    )


# Cases whose payload Python's json cannot hold (exp: 1e400) give only a token.
@pytest.mark.parametrize(
    "case",
    [case for case in VECTORS["claim_cases"] if "payload" in case],
    ids=lambda case: case["name"],
)
def test_claim_case_through_validate_claims(case: dict[str, Any]) -> None:
    _assert_outcome(case, lambda: appjwt.validate_claims(case["payload"], _options(case)))
