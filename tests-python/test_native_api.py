"""The native API (appjwt.sign / verify / VerifyOptions / decode_unverified /
validate_claims and the JWS-level functions), which mirrors the C++ one."""

from __future__ import annotations

from datetime import timedelta

import pytest

import appjwt
from conftest import key_pair

NOW = 1_700_000_000.0


def _rsa() -> tuple[appjwt.Key, appjwt.Key]:
    private_pem, public_pem = key_pair("RS512")
    return appjwt.Key.from_pem(private_pem), appjwt.Key.from_pem(public_pem)


def test_sign_adds_iat_and_the_claims_of_its_options() -> None:
    private_key, public_key = _rsa()
    token = appjwt.sign(
        {"appId": "store"}, private_key, "RS512", expires_in=300, issuer="store", audience="api",
        key_id="k1", now=NOW,
    )
    decoded = appjwt.verify(
        token, public_key, appjwt.VerifyOptions(algorithms=["RS512"], audience=["api"], now=NOW)
    )
    assert decoded["payload"] == {
        "appId": "store", "iat": 1_700_000_000, "exp": 1_700_000_300, "iss": "store", "aud": "api",
    }
    assert decoded["header"] == {"alg": "RS512", "typ": "JWT", "kid": "k1"}


def test_sign_accepts_a_timedelta_expiry() -> None:
    private_key, public_key = _rsa()
    token = appjwt.sign({}, private_key, expires_in=timedelta(minutes=5), now=NOW)
    payload = appjwt.decode_unverified(token)["payload"]
    assert payload["exp"] - payload["iat"] == 300


def test_sign_refuses_a_claim_an_option_also_sets() -> None:
    private_key, _ = _rsa()
    with pytest.raises(ValueError):
        appjwt.sign({"exp": NOW}, private_key, expires_in=300)


def test_sign_refuses_a_fractional_expiry() -> None:
    private_key, _ = _rsa()
    with pytest.raises(ValueError, match="whole number of seconds"):
        appjwt.sign({}, private_key, expires_in=1.5)


def test_verify_with_injected_time_reports_expiry() -> None:
    private_key, public_key = _rsa()
    token = appjwt.sign({}, private_key, expires_in=60, now=NOW)
    with pytest.raises(appjwt.ExpiredSignatureError):
        appjwt.verify(token, public_key, appjwt.VerifyOptions(algorithms=["RS512"], now=NOW + 61))


def test_verify_options_clock_tolerance_accepts_timedelta() -> None:
    options = appjwt.VerifyOptions(algorithms=["RS512"], clock_tolerance=timedelta(seconds=90))
    assert options.clock_tolerance == 90.0


def test_verify_options_reports_its_algorithms_and_ignores_unknown_names() -> None:
    assert appjwt.VerifyOptions(algorithms=["RS512", "none", "XX1"]).algorithms == ["RS512"]


def test_verify_options_clock_tolerance_of_a_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        appjwt.VerifyOptions(clock_tolerance="5")  # type: ignore[arg-type]


def test_verify_options_max_age_refuses_old_tokens() -> None:
    private_key, public_key = _rsa()
    token = appjwt.sign({}, private_key, now=NOW)
    options = appjwt.VerifyOptions(algorithms=["RS512"], max_age=60, now=NOW + 120)
    with pytest.raises(appjwt.ExpiredSignatureError) as raised:
        appjwt.verify(token, public_key, options)
    assert raised.value.code == "token_too_old"


def test_verify_options_audience_patterns_match_by_regex() -> None:
    private_key, public_key = _rsa()
    token = appjwt.sign({}, private_key, audience="urn:api:users", now=NOW)
    options = appjwt.VerifyOptions(algorithms=["RS512"], audience_patterns=["^urn:api:"], now=NOW)
    assert appjwt.verify(token, public_key, options)["payload"]["aud"] == "urn:api:users"


def test_decode_unverified_reads_without_a_key() -> None:
    private_key, _ = _rsa()
    parts = appjwt.decode_unverified(appjwt.sign({"a": 1}, private_key, issued_at=False))
    assert parts["payload"] == {"a": 1} and parts["header"]["alg"] == "RS512"


def test_validate_claims_checks_a_payload_alone() -> None:
    with pytest.raises(appjwt.InvalidIssuerError):
        appjwt.validate_claims({"iss": "evil"}, appjwt.VerifyOptions(issuer=["good"]))


def test_sign_bytes_and_verify_bytes_round_trip() -> None:
    private_key, public_key = _rsa()
    signature = appjwt.sign_bytes(b"header.payload", private_key, "PS256")
    assert appjwt.verify_bytes(b"header.payload", signature, public_key, "PS256")
    assert not appjwt.verify_bytes(b"header.other", signature, public_key, "PS256")


def test_verify_bytes_with_a_key_of_another_type_is_an_error() -> None:
    _, public_key = _rsa()
    with pytest.raises(appjwt.PyJWTError):
        appjwt.verify_bytes(b"x", b"y", public_key, "ES256")


def test_sign_compact_refuses_a_header_naming_another_alg() -> None:
    private_key, _ = _rsa()
    with pytest.raises(ValueError):
        appjwt.sign_compact('{"alg":"RS256"}', b"{}", private_key, "RS512")


def test_algorithms_lists_every_jose_name_and_never_none() -> None:
    assert set(appjwt.ALGORITHMS) == {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
        "EdDSA", "HS256", "HS384", "HS512",
    }


def test_version_is_the_package_json_version() -> None:
    import json
    from pathlib import Path

    package = json.loads((Path(__file__).resolve().parent.parent / "package.json").read_text())
    assert appjwt.__version__ == package["version"]


def test_verify_reports_a_bad_key_once_the_token_passes_its_structure_checks() -> None:
    options = appjwt.VerifyOptions(algorithms=["RS512"])
    with pytest.raises(appjwt.DecodeError) as raised:
        appjwt.verify("a.b.c", "-----BEGIN PUBLIC KEY-----\nx\n", options)
    assert raised.value.code == "malformed"


def test_verify_with_key_errors_first_reports_a_bad_key_before_the_token() -> None:
    options = appjwt.VerifyOptions(algorithms=["RS512"])
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.verify("a.b.c", "-----BEGIN PUBLIC KEY-----\nx\n", options, key_errors_first=True)


def test_verify_finds_a_pem_key_in_the_shared_key_cache() -> None:
    private_pem, public_pem = key_pair("RS512")
    token = appjwt.sign({}, private_pem, "RS512", now=NOW)
    options = appjwt.VerifyOptions(algorithms=["RS512"], now=NOW)
    appjwt.clear_key_cache()
    for _ in range(3):
        assert appjwt.verify(token, public_pem, options)["header"]["alg"] == "RS512"
    assert appjwt.key_cache_size() == 1
