"""The Python binding of the core's TokenSigner."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import appjwt

START = 1_700_000_000.0


class FakeClock:
    """Injected wall-clock time, so no test waits."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def private_key() -> appjwt.Key:
    return appjwt.generate_key("RS512", 2048)


def test_token_carries_the_app_id_iat_and_exp(private_key: appjwt.Key) -> None:
    signer = appjwt.TokenSigner("store-front", private_key, clock=FakeClock())
    claims = appjwt.decode_unverified(signer.token())["payload"]
    assert claims == {"appId": "store-front", "iat": 1_700_000_000, "exp": 1_700_000_300}
    assert signer.app_id == "store-front" and signer.expires_at == 1_700_000_300


def test_token_verifies_with_the_public_key(private_key: appjwt.Key) -> None:
    signer = appjwt.TokenSigner("store-front", private_key.private_pem())
    claims = appjwt.decode(signer.token(), private_key.public_pem(), algorithms=["RS512"])
    assert claims["appId"] == "store-front"


def test_token_is_cached_until_the_refresh_margin(private_key: appjwt.Key) -> None:
    clock = FakeClock()
    signer = appjwt.TokenSigner("store-front", private_key, ttl=300, refresh_margin=30, clock=clock)
    first = signer.token()
    clock.now = START + 269
    assert signer.token() == first
    clock.now = START + 271
    assert signer.token() != first


def test_refresh_signs_a_new_token(private_key: appjwt.Key) -> None:
    clock = FakeClock()
    signer = appjwt.TokenSigner("store-front", private_key, clock=clock)
    first = signer.token()
    clock.now = START + 1
    assert signer.refresh() != first


def test_extra_claims_and_kid_are_included(private_key: appjwt.Key) -> None:
    signer = appjwt.TokenSigner(
        "admin", private_key, claims={"scope": "users:read"}, key_id="k1", clock=FakeClock()
    )
    parts = appjwt.decode_unverified(signer.token())
    assert parts["payload"]["scope"] == "users:read" and parts["header"]["kid"] == "k1"


def test_invalid_app_id_is_refused(private_key: appjwt.Key) -> None:
    with pytest.raises(appjwt.InvalidAppIdError):
        appjwt.TokenSigner("../etc", private_key)


def test_public_key_is_refused() -> None:
    with pytest.raises(appjwt.InvalidKeyError):
        appjwt.TokenSigner("app", appjwt.generate_key("ES256").public_key(), algorithm="ES256")


def test_margin_not_shorter_than_ttl_is_a_value_error(private_key: appjwt.Key) -> None:
    with pytest.raises(ValueError):
        appjwt.TokenSigner("app", private_key, ttl=30, refresh_margin=30)


def test_threads_share_one_cached_token(private_key: appjwt.Key) -> None:
    signer = appjwt.TokenSigner("store-front", private_key, clock=FakeClock())
    with ThreadPoolExecutor(max_workers=8) as pool:
        tokens = set(pool.map(lambda _: signer.token(), range(64)))
    assert len(tokens) == 1
