"""The attack suite, test-vectors/attacks.json, through appjwt's Python API.

Every hostile token and key is refused with the exception a PyJWT user catches,
carrying the core's error code in ``.code``; no case is ever accepted. Token
cases run twice: through the PyJWT-compatible ``decode`` (keys as str/bytes, as
PyJWT users pass them) and through the native ``verify`` with ``Key`` objects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import appjwt
from appjwt import exceptions

ATTACKS = json.loads(
    (Path(__file__).resolve().parent.parent / "test-vectors" / "attacks.json").read_text("utf-8")
)
KEYS: dict[str, dict[str, str]] = ATTACKS["keys"]

# The exception class of each core code (bindings-python/src/errors.cpp).
EXCEPTION_FOR_CODE: dict[str, type[Exception]] = {
    "malformed": exceptions.InvalidTokenError,  # DecodeError, or the claim's own class
    "token_too_large": exceptions.DecodeError,
    "invalid_signature": exceptions.InvalidSignatureError,
    "algorithm_not_allowed": exceptions.InvalidAlgorithmError,
    "key_error": exceptions.InvalidKeyError,
    "token_expired": exceptions.ExpiredSignatureError,
    "not_yet_valid": exceptions.ImmatureSignatureError,
    "invalid_argument": ValueError,
    "invalid_app_id": exceptions.InvalidAppIdError,
    "unknown_key": exceptions.UnknownKeyError,
    "missing_claim": exceptions.MissingRequiredClaimError,
}
# decode() follows PyJWT, which raises DecodeError when it gets no algorithms.
PYJWT_EXCEPTION_FOR_CODE = {**EXCEPTION_FOR_CODE, "invalid_argument": exceptions.DecodeError}
TOKEN_OPTIONS = {"algorithms", "max_token_size", "understood_critical"}


def cases(*sections: str, pyjwt_expressible: bool = False) -> list[Any]:
    """The cases of these sections (all token sections when none are named)."""
    selected = []
    for case in ATTACKS["cases"]:
        in_section = (
            case["section"] in sections
            if sections
            else case["section"] not in ("keys", "key_store")
        )
        # PyJWT's decode() has no size or crit options; those cases run natively only.
        if pyjwt_expressible and set(case.get("options", {})) - {"algorithms"}:
            continue
        if in_section:
            selected.append(pytest.param(case, id=case["name"]))
    return selected


def token_of(case: dict[str, Any]) -> str:
    """The stored token, or one described as {prefix, repeat, count, suffix}."""
    spec = case["token"]
    if isinstance(spec, str):
        return spec
    return spec.get("prefix", "") + spec["repeat"] * spec["count"] + spec.get("suffix", "")


def key_material(case: dict[str, Any]) -> str | bytes:
    """The key as PyJWT users pass it: PEM text, or secret bytes."""
    if "secret" in case:
        return case["secret"].encode()
    entry = KEYS[case["key"]]
    return entry["pem"] if entry["format"] == "pem" else entry["secret"].encode()


def native_key(case: dict[str, Any]) -> appjwt.Key:
    if "secret" in case:
        return appjwt.Key.from_secret(case["secret"].encode())
    entry = KEYS[case["key"]]
    if entry["format"] == "secret":
        return appjwt.Key.from_secret(entry["secret"].encode())
    return appjwt.Key.from_pem(entry["pem"])


def verify_options(case: dict[str, Any]) -> appjwt.VerifyOptions:
    options = case["options"]
    assert set(options) <= TOKEN_OPTIONS, f"the runner does not know {set(options) - TOKEN_OPTIONS}"
    return appjwt.VerifyOptions(**options)


def assert_refused(raised: pytest.ExceptionInfo[BaseException], code: str) -> None:
    assert isinstance(raised.value, EXCEPTION_FOR_CODE[code]), repr(raised.value)
    assert getattr(raised.value, "code", None) == code, repr(raised.value)


def assert_refused_as_pyjwt_would(raised: pytest.ExceptionInfo[BaseException], code: str) -> None:
    """PyJWT's class; the core's code, or None when PyJWT's own checks in the
    Python layer refused first (appjwt.exceptions documents code None for those)."""
    assert isinstance(raised.value, PYJWT_EXCEPTION_FOR_CODE[code]), repr(raised.value)
    assert getattr(raised.value, "code", None) in (code, None), repr(raised.value)


def assert_safe_to_log(raised: pytest.ExceptionInfo[BaseException], case: dict[str, Any]) -> None:
    """The message repeats no token or key material and holds no control character."""
    message = str(raised.value)
    assert not any(ord(c) < 0x20 or ord(c) == 0x7F for c in message), repr(message)
    material = []
    if "key" in case or "secret" in case:
        key = key_material(case)
        material.append(key.decode() if isinstance(key, bytes) else key)
    if isinstance(case.get("token"), str):
        material.append(case["token"])
    for text in material:
        for start in range(0, len(text) - 15, 16):
            window = text[start : start + 16]
            if not any(c in window for c in "-\n "):  # PEM armour, not key material
                assert window not in message, f"the message repeats input: {message!r}"


@pytest.fixture(scope="module")
def key_store(tmp_path_factory: pytest.TempPathFactory) -> appjwt.KeyStore:
    """store-front and other-app in the store; evil_public.pem outside it, where
    a store that built paths from app IDs would find it for "../evil"."""
    root = tmp_path_factory.mktemp("attacks")
    (root / "keys").mkdir()
    (root / "keys" / "store-front_public.pem").write_text(KEYS["server_rsa_public"]["pem"])
    (root / "keys" / "other-app_public.pem").write_text(KEYS["attacker_rsa_public"]["pem"])
    (root / "evil_public.pem").write_text(KEYS["attacker_rsa_public"]["pem"])
    return appjwt.KeyStore.from_directory(root / "keys")


def run_key_case(case: dict[str, Any]) -> None:
    operation = case["operation"]
    if operation == "secret":
        appjwt.Key.from_secret(case["secret"])
    elif operation == "sign":
        appjwt.encode(case["payload"], key_material(case), algorithm=case["algorithm"])
    elif operation == "verify":
        appjwt.decode(token_of(case), key_material(case), algorithms=case["options"]["algorithms"])
    else:
        raise AssertionError(f"unknown operation {operation}")


def attempt(case: dict[str, Any], key_store: appjwt.KeyStore) -> pytest.ExceptionInfo[Exception]:
    """Runs the case through the native API; it must raise."""
    with pytest.raises(Exception) as raised:
        if case["section"] == "keys":
            run_key_case(case)
        elif case["section"] == "key_store":
            key_store.verify(token_of(case), app_id_from_kid=case["app_id_from"] == "kid")
        else:
            appjwt.verify(token_of(case), native_key(case), verify_options(case))
    return raised


@pytest.mark.parametrize("case", cases(pyjwt_expressible=True))
def test_decode_refuses_token(case: dict[str, Any]) -> None:
    with pytest.raises(Exception) as raised:
        appjwt.decode(token_of(case), key_material(case), algorithms=case["options"]["algorithms"])
    assert_refused_as_pyjwt_would(
        raised, case.get("expected_error_for_secret_key", case["expected_error"])
    )


@pytest.mark.parametrize("case", cases())
def test_native_verify_refuses_token(case: dict[str, Any], key_store: appjwt.KeyStore) -> None:
    assert_refused(attempt(case, key_store), case["expected_error"])


@pytest.mark.parametrize("case", cases("key_store"))
def test_key_store_refuses_app_token(case: dict[str, Any], key_store: appjwt.KeyStore) -> None:
    assert_refused(attempt(case, key_store), case["expected_error"])


@pytest.mark.parametrize("case", cases("keys"))
def test_key_is_refused(case: dict[str, Any], key_store: appjwt.KeyStore) -> None:
    assert_refused(attempt(case, key_store), case["expected_error"])


@pytest.mark.parametrize("case", cases() + cases("key_store", "keys"))
def test_error_message_is_safe_to_log(case: dict[str, Any], key_store: appjwt.KeyStore) -> None:
    assert_safe_to_log(attempt(case, key_store), case)


@pytest.mark.parametrize("case", [c for c in cases("keys") if c.values[0]["operation"] == "secret"])
def test_encode_refuses_key_document_as_hmac_secret(case: dict[str, Any]) -> None:
    with pytest.raises(exceptions.InvalidKeyError):
        appjwt.encode({"appId": "store-front"}, case["secret"], algorithm="HS256")
