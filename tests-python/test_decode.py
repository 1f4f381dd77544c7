"""appjwt.decode / decode_complete / get_unverified_header: PyJWT's behaviour,
options and exceptions."""

from __future__ import annotations

import time
import warnings
from datetime import timedelta
from typing import Any

import pytest

import appjwt
from conftest import HMAC_SECRET, key_pair

ALGORITHMS = ["HS256"]


def _token(claims: dict[str, Any], **kwargs: Any) -> str:
    return appjwt.encode(claims, HMAC_SECRET, algorithm="HS256", **kwargs)


def _decode(token: str, **kwargs: Any) -> dict[str, Any]:
    return appjwt.decode(token, HMAC_SECRET, algorithms=ALGORITHMS, **kwargs)


def _now() -> int:
    return int(time.time())


# Algorithms and signatures


def test_decode_without_algorithms_raises_pyjwt_message() -> None:
    with pytest.raises(appjwt.DecodeError) as raised:
        appjwt.decode(_token({}), HMAC_SECRET)
    assert str(raised.value) == (
        'It is required that you pass in a value for the "algorithms" argument when calling decode().'
    )


def test_token_alg_outside_the_allowed_list_is_an_invalid_algorithm_error() -> None:
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.decode(_token({}), HMAC_SECRET, algorithms=["HS512"])


def test_allowed_list_of_only_unknown_names_is_an_invalid_algorithm_error() -> None:
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.decode(_token({}), HMAC_SECRET, algorithms=["none"])


def test_algorithms_may_be_a_single_string() -> None:
    assert appjwt.decode(_token({"a": 1}), HMAC_SECRET, algorithms="HS256") == {"a": 1}


def test_tampered_payload_is_an_invalid_signature_error() -> None:
    header, _, signature = _token({"admin": False}).split(".")
    forged = header + "." + _token({"admin": True}).split(".")[1] + "." + signature
    with pytest.raises(appjwt.InvalidSignatureError, match="Signature verification failed"):
        _decode(forged)


def test_wrong_secret_is_an_invalid_signature_error() -> None:
    with pytest.raises(appjwt.InvalidSignatureError):
        appjwt.decode(_token({}), b"x" * 64, algorithms=ALGORITHMS)


def test_invalid_signature_error_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError):
        appjwt.decode(_token({}), b"x" * 64, algorithms=ALGORITHMS)


def test_rsa_token_with_an_ec_key_is_refused() -> None:
    signing_key, _ = key_pair("RS256")
    _, ec_public = key_pair("ES256")
    token = appjwt.encode({}, signing_key, algorithm="RS256")
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.decode(token, ec_public, algorithms=["RS256"])


def test_hmac_token_with_a_public_key_pem_is_refused() -> None:
    _, public_pem = key_pair("RS256")
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.decode(_token({}), public_pem, algorithms=["HS256"])


def test_hmac_token_is_refused_when_an_rsa_public_key_is_given_with_mixed_algorithms() -> None:
    _, public_pem = key_pair("RS256")
    forged = appjwt.encode({}, b"k" * 64, algorithm="HS256")
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.decode(forged, public_pem, algorithms=["RS256", "HS256"])


# Malformed tokens


@pytest.mark.parametrize("token", ["", "abc", "a.b", "a.b.c.d", "!!!.e30.AAAA"])
def test_malformed_token_is_a_decode_error(token: str) -> None:
    with pytest.raises(appjwt.DecodeError):
        _decode(token)


def test_token_of_another_type_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError, match="Invalid token type"):
        appjwt.decode(12345, HMAC_SECRET, algorithms=ALGORITHMS)  # type: ignore[arg-type]


def test_bytes_token_decodes() -> None:
    assert _decode(_token({"a": 1}).encode()) == {"a": 1}  # type: ignore[arg-type]


def test_oversized_token_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError):
        _decode(_token({"blob": "x" * 10000}))


def test_max_token_size_option_raises_the_limit() -> None:
    token = _token({"blob": "x" * 10000})
    assert _decode(token, options={"max_token_size": 20000})["blob"] == "x" * 10000


# exp, nbf, iat and leeway


def test_expired_token_is_an_expired_signature_error() -> None:
    with pytest.raises(appjwt.ExpiredSignatureError, match="Signature has expired") as raised:
        _decode(_token({"exp": _now() - 100}))
    assert raised.value.code == "token_expired"


def test_expired_signature_error_carries_the_expiry() -> None:
    expired_at = _now() - 100
    with pytest.raises(appjwt.ExpiredSignatureError) as raised:
        _decode(_token({"exp": expired_at}))
    assert raised.value.expired_at == expired_at


def test_unexpired_token_decodes() -> None:
    assert _decode(_token({"exp": _now() + 1000}))["exp"] > _now()


def test_leeway_in_seconds_accepts_a_recently_expired_token() -> None:
    assert _decode(_token({"exp": _now() - 100}), leeway=1000)


def test_leeway_as_timedelta_accepts_a_recently_expired_token() -> None:
    assert _decode(_token({"exp": _now() - 100}), leeway=timedelta(minutes=20))


def test_leeway_too_short_still_rejects() -> None:
    with pytest.raises(appjwt.ExpiredSignatureError):
        _decode(_token({"exp": _now() - 1000}), leeway=10.5)


def test_verify_exp_false_accepts_an_expired_token() -> None:
    assert _decode(_token({"exp": _now() - 100}), options={"verify_exp": False})


def test_non_numeric_exp_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError):
        _decode(_token({"exp": "tomorrow"}))


def test_future_nbf_is_an_immature_signature_error() -> None:
    with pytest.raises(appjwt.ImmatureSignatureError, match=r"not yet valid \(nbf\)"):
        _decode(_token({"nbf": _now() + 1000}))


def test_verify_nbf_false_accepts_a_future_nbf() -> None:
    assert _decode(_token({"nbf": _now() + 1000}), options={"verify_nbf": False})


def test_future_iat_is_an_immature_signature_error() -> None:
    with pytest.raises(appjwt.ImmatureSignatureError, match=r"not yet valid \(iat\)"):
        _decode(_token({"iat": _now() + 1000}))


def test_verify_iat_false_accepts_a_future_iat() -> None:
    assert _decode(_token({"iat": _now() + 1000}), options={"verify_iat": False})


def test_non_numeric_iat_is_an_invalid_issued_at_error() -> None:
    with pytest.raises(appjwt.InvalidIssuedAtError):
        _decode(_token({"iat": "yesterday"}))


# require


def test_required_claim_missing_is_a_missing_required_claim_error() -> None:
    with pytest.raises(appjwt.MissingRequiredClaimError) as raised:
        _decode(_token({"sub": "a"}), options={"require": ["exp", "sub"]})
    assert raised.value.claim == "exp"
    assert str(raised.value) == 'Token is missing the "exp" claim'


def test_required_claims_present_decode() -> None:
    claims = {"sub": "a", "exp": _now() + 1000}
    assert _decode(_token(claims), options={"require": ["exp", "sub"]}) == claims


# aud


def test_audience_string_matches_a_string_aud() -> None:
    assert _decode(_token({"aud": "api"}), audience="api")


def test_audience_iterable_matches_one_of_an_aud_list() -> None:
    assert _decode(_token({"aud": ["x", "api"]}), audience={"api", "other"})


def test_audience_not_in_aud_is_an_invalid_audience_error() -> None:
    with pytest.raises(appjwt.InvalidAudienceError):
        _decode(_token({"aud": "someone-else"}), audience="api")


def test_token_aud_without_expected_audience_is_an_invalid_audience_error() -> None:
    with pytest.raises(appjwt.InvalidAudienceError):
        _decode(_token({"aud": "api"}))


def test_expected_audience_missing_from_token_is_a_missing_required_claim_error() -> None:
    with pytest.raises(appjwt.MissingRequiredClaimError) as raised:
        _decode(_token({}), audience="api")
    assert raised.value.claim == "aud"


def test_audience_of_an_invalid_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="audience must be a string, iterable or None"):
        _decode(_token({"aud": "api"}), audience=5)  # type: ignore[arg-type]


def test_malformed_aud_claim_is_an_invalid_audience_error() -> None:
    with pytest.raises(appjwt.InvalidAudienceError):
        _decode(_token({"aud": 5}), audience="api")


def test_verify_aud_false_ignores_aud() -> None:
    assert _decode(_token({"aud": "api"}), audience="other", options={"verify_aud": False})


def test_strict_aud_accepts_the_exact_string() -> None:
    assert _decode(_token({"aud": "api"}), audience="api", options={"strict_aud": True})


def test_strict_aud_refuses_an_aud_list() -> None:
    with pytest.raises(appjwt.InvalidAudienceError):
        _decode(_token({"aud": ["api"]}), audience="api", options={"strict_aud": True})


def test_strict_aud_refuses_a_list_of_expected_audiences() -> None:
    with pytest.raises(appjwt.InvalidAudienceError, match=r"Invalid audience \(strict\)"):
        _decode(_token({"aud": "api"}), audience=["api"], options={"strict_aud": True})


# iss, sub


def test_issuer_string_matches() -> None:
    assert _decode(_token({"iss": "auth"}), issuer="auth")


def test_issuer_sequence_matches_one() -> None:
    assert _decode(_token({"iss": "auth"}), issuer=["other", "auth"])


def test_wrong_issuer_is_an_invalid_issuer_error() -> None:
    with pytest.raises(appjwt.InvalidIssuerError):
        _decode(_token({"iss": "evil"}), issuer=("auth",))


def test_missing_issuer_is_a_missing_required_claim_error() -> None:
    with pytest.raises(appjwt.MissingRequiredClaimError):
        _decode(_token({}), issuer="auth")


def test_issuer_of_an_invalid_type_is_an_invalid_issuer_error() -> None:
    with pytest.raises(appjwt.InvalidIssuerError):
        _decode(_token({"iss": "auth"}), issuer=5)  # type: ignore[arg-type]


def test_verify_iss_false_ignores_the_issuer() -> None:
    assert _decode(_token({"iss": "evil"}), issuer="auth", options={"verify_iss": False})


def test_subject_matches() -> None:
    assert _decode(_token({"sub": "alice"}), subject="alice")


def test_wrong_subject_is_an_invalid_subject_error() -> None:
    with pytest.raises(appjwt.InvalidSubjectError):
        _decode(_token({"sub": "mallory"}), subject="alice")


def test_verify_sub_false_ignores_the_subject() -> None:
    assert _decode(_token({"sub": "mallory"}), subject="alice", options={"verify_sub": False})


# verify_signature=False


def test_verify_signature_false_decodes_without_key_or_algorithms() -> None:
    token = appjwt.encode({"a": 1}, b"some-other-secret" * 4)
    assert appjwt.decode(token, options={"verify_signature": False}) == {"a": 1}


def test_verify_signature_false_skips_claim_checks_by_default() -> None:
    token = _token({"exp": _now() - 100, "aud": "x"})
    assert appjwt.decode(token, options={"verify_signature": False})


def test_verify_signature_false_still_checks_claims_asked_for() -> None:
    token = _token({"exp": _now() - 100})
    with pytest.raises(appjwt.ExpiredSignatureError):
        appjwt.decode(token, options={"verify_signature": False, "verify_exp": True})


def test_verify_signature_false_still_requires_a_well_formed_token() -> None:
    with pytest.raises(appjwt.DecodeError):
        appjwt.decode("not.a.token", options={"verify_signature": False})


def test_verify_argument_mismatch_warns_as_pyjwt_does() -> None:
    with pytest.warns(DeprecationWarning, match="The `verify` argument"):
        _decode(_token({}), verify=False)


def test_unsupported_kwargs_warn_removed_in_pyjwt3() -> None:
    with pytest.warns(appjwt.RemovedInPyjwt3Warning, match="Unsupported kwargs"):
        _decode(_token({}), unknown_option=True)


def test_well_formed_decode_emits_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _decode(_token({"exp": _now() + 100}))


# decode_complete, get_unverified_header, detached payloads


def test_decode_complete_returns_header_payload_and_signature() -> None:
    token = _token({"a": 1}, headers={"kid": "k1"})
    decoded = appjwt.decode_complete(token, HMAC_SECRET, algorithms=ALGORITHMS)
    assert decoded["header"] == {"alg": "HS256", "typ": "JWT", "kid": "k1"}
    assert decoded["payload"] == {"a": 1}
    assert isinstance(decoded["signature"], bytes) and len(decoded["signature"]) == 32


def test_get_unverified_header_reads_the_header_without_a_key() -> None:
    assert appjwt.get_unverified_header(_token({}, headers={"kid": "k1"}))["kid"] == "k1"


def test_get_unverified_header_of_garbage_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError):
        appjwt.get_unverified_header("garbage")


def test_detached_payload_verifies_with_the_payload_given() -> None:
    token = _token({"a": 1}, headers={"b64": False})
    claims = _decode(token, detached_payload=b'{"a":1}')
    assert claims == {"a": 1}


def test_detached_payload_that_differs_is_an_invalid_signature_error() -> None:
    token = _token({"a": 1}, headers={"b64": False})
    with pytest.raises(appjwt.InvalidSignatureError):
        _decode(token, detached_payload=b'{"a":2}')


def test_detached_token_without_its_payload_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError, match="detached_payload"):
        _decode(_token({"a": 1}, headers={"b64": False}))


def test_detached_payload_for_an_ordinary_token_is_a_decode_error() -> None:
    with pytest.raises(appjwt.DecodeError, match='only valid to pass "detached_payload"'):
        _decode(_token({"a": 1}), detached_payload=b'{"a":1}')


def test_empty_payload_segment_of_an_ordinary_token_is_malformed() -> None:
    header, _, signature = _token({}).split(".")
    with pytest.raises(appjwt.DecodeError) as raised:
        _decode(f"{header}..{signature}")
    assert raised.value.code == "malformed"


def test_detached_payload_claims_are_checked() -> None:
    payload = ('{"exp":%d}' % (_now() - 100)).encode()
    token = appjwt.PyJWS().encode(payload, HMAC_SECRET, is_payload_detached=True)
    with pytest.raises(appjwt.ExpiredSignatureError):
        _decode(token, detached_payload=payload)


# PyJWT and PyJWS objects


def test_pyjwt_object_options_apply_to_every_decode() -> None:
    lenient = appjwt.PyJWT(options={"verify_exp": False})
    token = _token({"exp": _now() - 100})
    assert lenient.decode(token, HMAC_SECRET, algorithms=ALGORITHMS)


def test_pyjws_decode_returns_the_payload_bytes() -> None:
    jws = appjwt.PyJWS()
    token = jws.encode(b'{"raw":true}', HMAC_SECRET, algorithm="HS256")
    assert jws.decode(token, HMAC_SECRET, algorithms=ALGORITHMS) == b'{"raw":true}'


def test_pyjws_payload_may_be_any_bytes() -> None:
    jws = appjwt.PyJWS()
    token = jws.encode(b"\x00not json\xff", HMAC_SECRET, algorithm="HS256")
    assert jws.decode(token, HMAC_SECRET, algorithms=ALGORITHMS) == b"\x00not json\xff"


def test_pyjws_tampered_payload_is_an_invalid_signature_error() -> None:
    jws = appjwt.PyJWS()
    header, _, signature = jws.encode(b"hello", HMAC_SECRET, algorithm="HS256").split(".")
    with pytest.raises(appjwt.InvalidSignatureError):
        jws.decode(f"{header}.aGVsbG8h.{signature}", HMAC_SECRET, algorithms=ALGORITHMS)


def test_pyjws_padded_payload_is_a_decode_error() -> None:
    jws = appjwt.PyJWS()
    header, payload, signature = jws.encode(b"hello", HMAC_SECRET, algorithm="HS256").split(".")
    with pytest.raises(appjwt.DecodeError, match="Invalid payload padding"):
        jws.decode(f"{header}.{payload}=.{signature}", HMAC_SECRET, algorithms=ALGORITHMS)


def test_pyjws_unsupported_critical_extension_is_an_invalid_token_error() -> None:
    jws = appjwt.PyJWS()
    token = jws.encode(b"x", HMAC_SECRET, algorithm="HS256", headers={"crit": ["ext"], "ext": 1})
    with pytest.raises(appjwt.InvalidTokenError, match="Unsupported critical extension: ext"):
        jws.decode(token, HMAC_SECRET, algorithms=ALGORITHMS)


def test_pyjwt_subclass_decode_payload_hook_reads_a_compressed_payload() -> None:
    import json
    import zlib

    class CompressedPyJWT(appjwt.PyJWT):
        def _decode_payload(self, decoded: dict[str, Any]) -> dict[str, Any]:
            claims: dict[str, Any] = json.loads(zlib.decompress(decoded["payload"]))
            return claims

    payload = zlib.compress(b'{"hello":"world"}')
    token = appjwt.PyJWS().encode(payload, HMAC_SECRET, algorithm="HS256")
    assert CompressedPyJWT().decode(token, HMAC_SECRET, algorithms=ALGORITHMS) == {"hello": "world"}


def test_pyjws_does_not_check_claims() -> None:
    jws = appjwt.PyJWS()
    token = _token({"exp": _now() - 100})
    assert jws.decode_complete(token, HMAC_SECRET, algorithms=ALGORITHMS)["payload"]


def test_pyjws_with_restricted_algorithms_refuses_others() -> None:
    jws = appjwt.PyJWS(algorithms=["HS512"])
    with pytest.raises(NotImplementedError):
        jws.encode(b"{}", HMAC_SECRET, algorithm="HS256")


def test_unregistered_algorithm_no_longer_verifies() -> None:
    jws = appjwt.PyJWS()
    jws.unregister_algorithm("HS256")
    assert "HS256" not in jws.get_algorithms()
    with pytest.raises(appjwt.InvalidAlgorithmError):
        jws.decode(_token({}), HMAC_SECRET, algorithms=["HS256"])


def test_unregistering_an_unknown_algorithm_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        appjwt.PyJWS().unregister_algorithm("XX999")


def test_register_algorithm_is_not_available() -> None:
    with pytest.raises(NotImplementedError):
        appjwt.register_algorithm("XX999", object())


def test_audience_given_as_bytes_is_an_invalid_audience_error() -> None:
    with pytest.raises(appjwt.InvalidAudienceError):
        _decode(_token({"aud": "api"}), audience=b"api")  # type: ignore[arg-type]


def test_each_call_checks_its_own_arguments() -> None:
    token = _token({"aud": "api", "iss": "auth"})
    assert _decode(token, audience="api", issuer="auth")
    with pytest.raises(appjwt.InvalidAudienceError):
        _decode(token, audience="other", issuer="auth")
    with pytest.raises(appjwt.InvalidIssuerError):
        _decode(token, audience="api", issuer=["other"])
    assert _decode(token, audience=["api"], issuer=["auth"])


def test_unhashable_leeway_still_works() -> None:
    class Seconds(float):
        __hash__ = None  # type: ignore[assignment]

    assert _decode(_token({"exp": _now() - 100}), leeway=Seconds(1000))
