"""Exceptions and warnings: PyJWT's names and hierarchy, importable from
appjwt, appjwt.exceptions and appjwt.warnings."""

from __future__ import annotations

import pytest

import appjwt
import appjwt.exceptions
import appjwt.warnings

HIERARCHY = [
    ("InvalidTokenError", "PyJWTError"),
    ("DecodeError", "InvalidTokenError"),
    ("InvalidSignatureError", "DecodeError"),
    ("ExpiredSignatureError", "InvalidTokenError"),
    ("InvalidAudienceError", "InvalidTokenError"),
    ("InvalidIssuerError", "InvalidTokenError"),
    ("InvalidSubjectError", "InvalidTokenError"),
    ("InvalidJTIError", "InvalidTokenError"),
    ("InvalidIssuedAtError", "InvalidTokenError"),
    ("ImmatureSignatureError", "InvalidTokenError"),
    ("InvalidAlgorithmError", "InvalidTokenError"),
    ("MissingRequiredClaimError", "InvalidTokenError"),
    ("InvalidKeyError", "PyJWTError"),
    ("PyJWKClientConnectionError", "PyJWKClientError"),
    ("UnknownKeyError", "InvalidTokenError"),
    ("InsufficientScopeError", "InvalidTokenError"),
    ("InvalidAppIdError", "PyJWTError"),
    ("KeySourceError", "PyJWTError"),
]


@pytest.mark.parametrize(("name", "base"), HIERARCHY)
def test_exception_derives_from_its_pyjwt_base(name: str, base: str) -> None:
    assert issubclass(getattr(appjwt.exceptions, name), getattr(appjwt.exceptions, base))


@pytest.mark.parametrize("name", [name for name, _ in HIERARCHY] + ["PyJWTError"])
def test_exception_is_importable_from_the_package(name: str) -> None:
    assert getattr(appjwt, name) is getattr(appjwt.exceptions, name)


def test_invalid_key_error_is_not_an_invalid_token_error() -> None:
    assert not issubclass(appjwt.InvalidKeyError, appjwt.InvalidTokenError)


def test_invalid_app_id_error_is_a_value_error() -> None:
    assert issubclass(appjwt.InvalidAppIdError, ValueError)


def test_key_source_error_is_an_os_error() -> None:
    assert issubclass(appjwt.KeySourceError, OSError)


def test_missing_required_claim_error_names_the_claim() -> None:
    error = appjwt.MissingRequiredClaimError("exp")
    assert error.claim == "exp"
    assert str(error) == 'Token is missing the "exp" claim'


def test_core_errors_carry_their_code_and_claim() -> None:
    token = appjwt.encode({"aud": 5}, b"k" * 32)
    with pytest.raises(appjwt.InvalidAudienceError) as raised:
        appjwt.decode(token, b"k" * 32, algorithms=["HS256"], audience="api")
    assert (raised.value.code, raised.value.claim) == ("malformed", "aud")


def test_invalid_argument_from_the_core_is_a_value_error() -> None:
    with pytest.raises(ValueError) as raised:
        appjwt.verify("a.b.c", b"k" * 32, appjwt.VerifyOptions(algorithms=[]))
    assert raised.value.code == "invalid_argument"


@pytest.mark.parametrize(
    ("name", "base"),
    [("RemovedInPyjwt3Warning", DeprecationWarning), ("InsecureKeyLengthWarning", UserWarning)],
)
def test_warning_has_pyjwt_category(name: str, base: type) -> None:
    warning = getattr(appjwt.warnings, name)
    assert issubclass(warning, base) and getattr(appjwt, name) is warning
