"""The common call, decode(token, key, algorithms=[...]), reuses the core's
VerifyOptions from one call to the next: it never goes stale, and it decodes and
fails exactly as the general path does (taken here with options={}, which adds
nothing to the object's options)."""

from __future__ import annotations

import time
import warnings
from typing import Any, Callable

import pytest

import appjwt
from conftest import HMAC_SECRET, key_pair

RSA_PRIVATE, RSA_PUBLIC = key_pair("RS512")


def _now() -> int:
    return int(time.time())


def _token(claims: dict[str, Any], **kwargs: Any) -> str:
    return appjwt.encode(claims, HMAC_SECRET, algorithm="HS256", **kwargs)


def _expired() -> str:
    return _token({"exp": _now() - 100})


def _short_key_token() -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", appjwt.InsecureKeyLengthWarning)
        return appjwt.encode({}, b"short", algorithm="HS256")


# Never stale


def test_changing_an_object_option_in_place_applies_to_the_next_decode() -> None:
    decoder = appjwt.PyJWT()
    with pytest.raises(appjwt.ExpiredSignatureError):
        decoder.decode(_expired(), HMAC_SECRET, algorithms=["HS256"])
    decoder.options["verify_exp"] = False
    assert decoder.decode(_expired(), HMAC_SECRET, algorithms=["HS256"]) is not None
    decoder.options["verify_exp"] = True
    with pytest.raises(appjwt.ExpiredSignatureError):
        decoder.decode(_expired(), HMAC_SECRET, algorithms=["HS256"])


def test_appending_a_required_claim_in_place_applies_to_the_next_decode() -> None:
    decoder = appjwt.PyJWT()
    token = _token({})
    assert decoder.decode(token, HMAC_SECRET, algorithms=["HS256"]) == {}
    decoder.options["require"].append("sub")
    with pytest.raises(appjwt.MissingRequiredClaimError, match='"sub"'):
        decoder.decode(token, HMAC_SECRET, algorithms=["HS256"])


def test_replacing_the_object_options_applies_to_the_next_decode() -> None:
    decoder = appjwt.PyJWT()
    with pytest.raises(appjwt.ExpiredSignatureError):
        decoder.decode(_expired(), HMAC_SECRET, algorithms=["HS256"])
    decoder.options = {**decoder.options, "verify_exp": False}
    assert decoder.decode(_expired(), HMAC_SECRET, algorithms=["HS256"]) is not None


def test_unregistering_an_algorithm_applies_to_the_next_decode() -> None:
    decoder = appjwt.PyJWT()
    token = _token({})
    assert decoder.decode(token, HMAC_SECRET, algorithms=["HS256"]) == {}
    decoder._jws.unregister_algorithm("HS256")
    with pytest.raises(appjwt.InvalidAlgorithmError):
        decoder.decode(token, HMAC_SECRET, algorithms=["HS256"])


def test_each_algorithm_list_is_checked_on_its_own() -> None:
    token = _token({})
    assert appjwt.decode(token, HMAC_SECRET, algorithms=["HS256"]) == {}
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.decode(token, HMAC_SECRET, algorithms=["HS512"])
    assert appjwt.decode(token, HMAC_SECRET, algorithms=["HS256"]) == {}


def test_more_algorithm_lists_than_are_kept_each_decode() -> None:
    token = _token({})
    lists = [["HS256", *[f"XX{n}"] * n] for n in range(40)]
    for algorithms in lists + lists:
        assert appjwt.decode(token, HMAC_SECRET, algorithms=algorithms) == {}


def test_an_algorithm_list_changed_in_place_is_checked_anew() -> None:
    token = _token({})
    algorithms = ["HS256"]
    assert appjwt.decode(token, HMAC_SECRET, algorithms=algorithms) == {}
    algorithms[0] = "HS512"
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.decode(token, HMAC_SECRET, algorithms=algorithms)


def test_options_of_one_call_leave_the_next_common_call_unchanged() -> None:
    assert appjwt.decode(
        _expired(), HMAC_SECRET, algorithms=["HS256"], options={"verify_exp": False}
    ) is not None
    with pytest.raises(appjwt.ExpiredSignatureError):
        appjwt.decode(_expired(), HMAC_SECRET, algorithms=["HS256"])


def test_arguments_of_one_call_leave_the_next_common_call_unchanged() -> None:
    token = _token({"aud": "api"})
    assert appjwt.decode(token, HMAC_SECRET, algorithms=["HS256"], audience="api") is not None
    with pytest.raises(appjwt.InvalidAudienceError):
        appjwt.decode(token, HMAC_SECRET, algorithms=["HS256"])


def test_decode_leaves_the_object_options_unchanged() -> None:
    decoder = appjwt.PyJWT(options={"verify_signature": False})
    before = dict(decoder.options)
    decoder.decode(_token({}), HMAC_SECRET, algorithms=["HS256"])
    decoder.decode(_token({}), HMAC_SECRET, algorithms=["HS256"], options={"verify_exp": True})
    assert decoder.options == before


# The common call and the general path agree


def _outcome(decode: Callable[[], Any]) -> tuple[Any, ...]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: tuple[Any, ...] = ("returned", decode())
        except Exception as error:  # noqa: BLE001 - the outcome being compared
            result = ("raised", type(error), str(error), getattr(error, "code", None),
                      getattr(error, "claim", None))
    return (*result, [(type(w.message), str(w.message), w.filename) for w in caught])


def _detached() -> str:
    return appjwt.PyJWS().encode(b"{}", HMAC_SECRET, algorithm="HS256", is_payload_detached=True)


def _tampered() -> str:
    header, _, signature = _token({"n": 1}).split(".")
    return ".".join([header, _token({"n": 2}).split(".")[1], signature])


# (name, token, key, algorithms): valid tokens, then every kind of failure.
CASES: list[tuple[str, Callable[[], Any], Any, list[Any]]] = [
    ("hmac", lambda: _token({"n": 1, "exp": _now() + 60}), HMAC_SECRET, ["HS256"]),
    ("rsa pem", lambda: appjwt.encode({"n": 1}, RSA_PRIVATE, algorithm="RS512"), RSA_PUBLIC,
     ["RS512"]),
    ("rsa key object", lambda: appjwt.encode({"n": 1}, RSA_PRIVATE, algorithm="RS512"),
     appjwt.Key.from_pem(RSA_PUBLIC), ["RS512"]),
    ("bytes token", lambda: _token({"n": 1}).encode(), HMAC_SECRET, ["HS256"]),
    ("short hmac key", _short_key_token, b"short", ["HS256"]),
    ("expired", _expired, HMAC_SECRET, ["HS256"]),
    ("not yet valid", lambda: _token({"nbf": _now() + 100}), HMAC_SECRET, ["HS256"]),
    ("future iat", lambda: _token({"iat": _now() + 100}), HMAC_SECRET, ["HS256"]),
    ("non-numeric exp", lambda: _token({"exp": "soon"}), HMAC_SECRET, ["HS256"]),
    ("unexpected aud", lambda: _token({"aud": "api"}), HMAC_SECRET, ["HS256"]),
    ("tampered", _tampered, HMAC_SECRET, ["HS256"]),
    ("wrong secret", lambda: _token({}), b"x" * 64, ["HS256"]),
    ("malformed", lambda: "a.b.c", HMAC_SECRET, ["HS256"]),
    ("two segments", lambda: "a.b", HMAC_SECRET, ["HS256"]),
    ("empty payload segment", lambda: "e30..e30", HMAC_SECRET, ["HS256"]),
    ("detached payload", _detached, HMAC_SECRET, ["HS256"]),
    ("oversized", lambda: "a" * 10_000 + ".b.c", HMAC_SECRET, ["HS256"]),
    ("lone surrogate", lambda: "\udc80.b.c", HMAC_SECRET, ["HS256"]),
    ("token of another type", lambda: 5, HMAC_SECRET, ["HS256"]),
    ("alg not allowed", lambda: _token({}), HMAC_SECRET, ["HS512"]),
    ("only unknown algorithms", lambda: _token({}), HMAC_SECRET, ["XX999"]),
    ("no algorithms", lambda: _token({}), HMAC_SECRET, []),
    ("unhashable algorithm", lambda: _token({}), HMAC_SECRET, [["HS256"]]),
    ("garbage pem and garbage token", lambda: "a.b.c", "-----BEGIN PUBLIC KEY-----\nx\n",
     ["RS512"]),
    ("hmac token with a pem", lambda: _token({}), RSA_PUBLIC, ["HS256"]),
    ("rsa token with a secret", lambda: appjwt.encode({}, RSA_PRIVATE, algorithm="RS512"),
     HMAC_SECRET, ["RS512"]),
    ("key of another type", lambda: _token({}), 42, ["HS256"]),
]


@pytest.mark.parametrize(
    ("token", "key", "algorithms"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_common_call_decodes_and_fails_as_the_general_path(
    token: Callable[[], Any], key: Any, algorithms: list[Any]
) -> None:
    text = token()
    common = _outcome(lambda: appjwt.decode_complete(text, key, algorithms=algorithms))
    general = _outcome(
        lambda: appjwt.decode_complete(text, key, algorithms=algorithms, options={})
    )
    assert common == general


def test_short_hmac_key_is_refused_on_decode_with_enforce_minimum_key_length() -> None:
    strict = appjwt.PyJWT(options={"enforce_minimum_key_length": True})
    token = _short_key_token()
    with pytest.raises(appjwt.InvalidKeyError, match="below the minimum recommended"):
        strict.decode(token, b"short", algorithms=["HS256"])


def test_short_hmac_key_warns_on_decode() -> None:
    token = _short_key_token()
    with pytest.warns(appjwt.InsecureKeyLengthWarning, match="below the minimum recommended"):
        appjwt.decode(token, b"short", algorithms=["HS256"])
