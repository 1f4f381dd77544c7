"""appjwt.encode: PyJWT's encode() behaviour."""

from __future__ import annotations

import base64
import json
import uuid
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import appjwt
from conftest import ALL_ALGORITHMS, HMAC_SECRET, key_pair


def _segment(token: str, index: int) -> Any:
    text = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def _header(token: str) -> dict[str, Any]:
    return _segment(token, 0)


def _payload(token: str) -> dict[str, Any]:
    return _segment(token, 1)


@pytest.mark.parametrize("algorithm", ALL_ALGORITHMS)
def test_every_algorithm_round_trips(algorithm: str) -> None:
    signing_key, verification_key = key_pair(algorithm)
    token = appjwt.encode({"sub": "alice", "n": 1}, signing_key, algorithm=algorithm)
    assert appjwt.decode(token, verification_key, algorithms=[algorithm]) == {"sub": "alice", "n": 1}


def test_default_algorithm_is_hs256() -> None:
    assert _header(appjwt.encode({}, HMAC_SECRET))["alg"] == "HS256"


def test_header_is_typ_jwt_and_alg() -> None:
    assert _header(appjwt.encode({}, HMAC_SECRET)) == {"alg": "HS256", "typ": "JWT"}


def test_extra_headers_are_added() -> None:
    token = appjwt.encode({}, HMAC_SECRET, headers={"kid": "key-1", "cty": "example"})
    assert _header(token) == {"alg": "HS256", "typ": "JWT", "kid": "key-1", "cty": "example"}


def test_header_alg_is_preferred_to_the_algorithm_argument() -> None:
    token = appjwt.encode({}, HMAC_SECRET, algorithm="HS256", headers={"alg": "HS512"})
    assert _header(token)["alg"] == "HS512"


def test_falsy_typ_header_removes_typ() -> None:
    assert "typ" not in _header(appjwt.encode({}, HMAC_SECRET, headers={"typ": None}))


def test_headers_are_sorted_by_default() -> None:
    token = appjwt.encode({}, HMAC_SECRET, headers={"kid": "k"})
    assert list(_header(token)) == ["alg", "kid", "typ"]


def test_sort_headers_false_keeps_pyjwt_order() -> None:
    token = appjwt.encode({}, HMAC_SECRET, headers={"kid": "k"}, sort_headers=False)
    assert list(_header(token)) == ["typ", "alg", "kid"]


def test_non_string_kid_header_is_an_invalid_token_error() -> None:
    with pytest.raises(appjwt.InvalidTokenError):
        appjwt.encode({}, HMAC_SECRET, headers={"kid": 7})


def test_payload_that_is_not_a_dict_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Expecting a dict object"):
        appjwt.encode(["not", "a", "dict"], HMAC_SECRET)  # type: ignore[arg-type]


def test_unserialisable_payload_value_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        appjwt.encode({"id": uuid.uuid4()}, HMAC_SECRET)


def test_non_string_issuer_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"Issuer \(iss\) must be a string."):
        appjwt.encode({"iss": 1}, HMAC_SECRET)


def test_input_dict_is_not_mutated() -> None:
    expires = datetime(2030, 1, 1, tzinfo=timezone.utc)
    payload = {"exp": expires, "sub": "alice"}
    appjwt.encode(payload, HMAC_SECRET)
    assert payload == {"exp": expires, "sub": "alice"}


@pytest.mark.parametrize("claim", ["exp", "iat", "nbf"])
def test_datetime_time_claim_becomes_a_numeric_date(claim: str) -> None:
    moment = datetime(2030, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
    assert _payload(appjwt.encode({claim: moment}, HMAC_SECRET))[claim] == 1893553445


def test_naive_datetime_is_taken_as_utc() -> None:
    token = appjwt.encode({"exp": datetime(2030, 1, 2, 3, 4, 5)}, HMAC_SECRET)
    assert _payload(token)["exp"] == 1893553445


def test_aware_datetime_in_another_zone_is_converted_to_utc() -> None:
    moment = datetime(2030, 1, 2, 4, 4, 5, tzinfo=timezone(timedelta(hours=1)))
    assert _payload(appjwt.encode({"exp": moment}, HMAC_SECRET))["exp"] == 1893553445


def test_json_encoder_serialises_custom_values() -> None:
    class UUIDEncoder(json.JSONEncoder):
        def default(self, o: Any) -> Any:
            return str(o) if isinstance(o, uuid.UUID) else super().default(o)

    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    token = appjwt.encode({"id": value}, HMAC_SECRET, json_encoder=UUIDEncoder)
    assert _payload(token) == {"id": str(value)}


def test_non_string_dict_keys_are_serialised_as_json_dumps_does() -> None:
    token = appjwt.encode({"scores": {1: "one", None: "nothing"}}, HMAC_SECRET)
    assert _payload(token) == {"scores": {"1": "one", "null": "nothing"}}


def test_nested_json_values_survive_a_round_trip() -> None:
    claims = {"list": [1, 2.5, None, True, "é", {"deep": []}], "big": 2**63, "neg": -(2**63)}
    token = appjwt.encode(claims, HMAC_SECRET)
    assert appjwt.decode(token, HMAC_SECRET, algorithms=["HS256"]) == claims


def test_tuples_are_serialised_as_arrays() -> None:
    assert _payload(appjwt.encode({"t": (1, 2)}, HMAC_SECRET)) == {"t": [1, 2]}


def test_algorithm_none_is_not_supported() -> None:
    with pytest.raises(NotImplementedError, match="Algorithm not supported"):
        appjwt.encode({}, None, algorithm=None)


def test_unknown_algorithm_is_not_supported() -> None:
    with pytest.raises(NotImplementedError, match="Algorithm not supported"):
        appjwt.encode({}, HMAC_SECRET, algorithm="HS1024")


def test_key_of_the_wrong_type_for_the_algorithm_is_refused() -> None:
    ec_private, _ = key_pair("ES256")
    with pytest.raises(appjwt.PyJWTError):
        appjwt.encode({}, ec_private, algorithm="RS256")


def test_public_key_cannot_sign() -> None:
    _, public_key = key_pair("RS256")
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.encode({}, public_key, algorithm="RS256")


def test_short_hmac_key_warns_as_pyjwt_does() -> None:
    with pytest.warns(appjwt.InsecureKeyLengthWarning, match="below the minimum recommended"):
        appjwt.encode({}, b"short", algorithm="HS256")


def test_short_hmac_key_is_refused_with_enforce_minimum_key_length() -> None:
    strict = appjwt.PyJWT(options={"enforce_minimum_key_length": True})
    with pytest.raises(appjwt.InvalidKeyError):
        strict.encode({}, b"short", algorithm="HS256")


def test_long_enough_hmac_key_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        appjwt.encode({}, b"k" * 32, algorithm="HS256")


def test_str_secret_is_its_utf8_bytes() -> None:
    token = appjwt.encode({"a": 1}, "ü" * 32, algorithm="HS256")
    assert appjwt.decode(token, "ü".encode() * 32, algorithms=["HS256"]) == {"a": 1}


def test_detached_payload_leaves_the_payload_segment_empty() -> None:
    token = appjwt.encode({"a": 1}, HMAC_SECRET, headers={"b64": False})
    assert token.split(".")[1] == ""
    assert _header(token)["b64"] is False and _header(token)["crit"] == ["b64"]


def test_b64_true_header_is_dropped() -> None:
    assert "b64" not in _header(appjwt.encode({}, HMAC_SECRET, headers={"b64": True}))


def test_tokens_are_accepted_by_pyjwt_byte_for_byte_header() -> None:
    import jwt as pyjwt

    ours = appjwt.encode({"a": 1}, HMAC_SECRET, headers={"kid": "k"})
    theirs = pyjwt.encode({"a": 1}, HMAC_SECRET, headers={"kid": "k"})
    assert ours.split(".")[0] == theirs.split(".")[0]
