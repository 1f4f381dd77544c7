"""The Python binding of the core's KeyStore, app-ID and key-file functions."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import appjwt

NOW = 1_700_000_000.0


@pytest.fixture(scope="module")
def store_key() -> appjwt.Key:
    return appjwt.generate_key("RS512", 2048)


@pytest.fixture
def keys_dir(tmp_path: Path, store_key: appjwt.Key) -> Path:
    appjwt.write_key_pair(tmp_path, "store-front", store_key)
    return tmp_path


def _app_token(key: appjwt.Key, app_id: str = "store-front", **claims: object) -> str:
    return appjwt.sign({"appId": app_id, **claims}, key, "RS512", expires_in=300, now=NOW)


def _options() -> appjwt.VerifyOptions:
    return appjwt.VerifyOptions(now=NOW + 10)


def test_store_from_directory_verifies_an_app_token(keys_dir: Path, store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    verified = store.verify(_app_token(store_key), _options())
    assert verified.app_id == "store-front"
    assert verified.claims["appId"] == "store-front"
    assert verified.header["alg"] == "RS512"
    assert verified.kid == store_key.thumbprint()


def test_store_lists_its_apps_and_keys(keys_dir: Path, store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    assert store.app_ids() == ["store-front"] and "store-front" in store and len(store) == 1
    (app_key,) = store.keys("store-front")
    assert (app_key.app_id, app_key.algorithms) == ("store-front", ["RS512"])
    assert app_key.key.thumbprint() == store_key.thumbprint()


def test_unknown_app_is_an_unknown_key_error(keys_dir: Path) -> None:
    other = appjwt.generate_key("ES256")
    store = appjwt.KeyStore.from_directory(keys_dir)
    token = appjwt.sign({"appId": "intruder"}, other, "ES256", expires_in=300, now=NOW)
    with pytest.raises(appjwt.UnknownKeyError):
        store.verify(token, _options())


def test_token_signed_with_another_apps_key_is_refused(keys_dir: Path) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    impostor = appjwt.generate_key("RS512", 2048)
    with pytest.raises(appjwt.InvalidSignatureError):
        store.verify(_app_token(impostor), _options())


def test_app_token_without_exp_is_refused(keys_dir: Path, store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    token = appjwt.sign({"appId": "store-front"}, store_key, "RS512", now=NOW)
    with pytest.raises(appjwt.MissingRequiredClaimError) as raised:
        store.verify(token, _options())
    assert raised.value.claim == "exp"


@pytest.mark.parametrize("app_id", ["../../etc/passwd", "/etc/passwd", "a/b", "", "x" * 129])
def test_path_traversal_app_id_in_a_token_is_an_invalid_app_id_error(
    keys_dir: Path, store_key: appjwt.Key, app_id: str
) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    with pytest.raises(appjwt.InvalidAppIdError):
        store.verify(_app_token(store_key, app_id), _options())


def test_scope_the_app_does_not_hold_is_an_insufficient_scope_error(
    keys_dir: Path, store_key: appjwt.Key
) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    store.set_scopes("store-front", ["users:read"])
    with pytest.raises(appjwt.InsufficientScopeError):
        store.verify(_app_token(store_key, scope="users:admin"), _options())


def test_required_scope_held_by_the_app_passes(keys_dir: Path, store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    store.set_scopes("store-front", ["users:read", "users:admin"])
    verified = store.verify(_app_token(store_key), _options(), required_scopes=["users:read"])
    assert sorted(verified.scopes) == ["users:admin", "users:read"]
    assert sorted(store.scopes("store-front")) == ["users:admin", "users:read"]


def test_required_scope_missing_is_an_insufficient_scope_error(
    keys_dir: Path, store_key: appjwt.Key
) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    with pytest.raises(appjwt.InsufficientScopeError):
        store.verify(_app_token(store_key), _options(), required_scopes=["users:admin"])


def test_add_and_remove_keys_by_hand(store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore()
    store.add("admin", store_key.public_pem(), kid="admin-1")
    assert store.verify(_app_token(store_key, "admin"), _options()).kid == "admin-1"
    assert store.remove("admin") and not store.contains("admin")


def test_reload_picks_up_a_new_key_file(keys_dir: Path) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    admin_key = appjwt.generate_key("RS512", 2048)
    appjwt.write_key_pair(keys_dir, "admin", admin_key)
    store.reload()
    assert store.verify(_app_token(admin_key, "admin"), _options()).app_id == "admin"


def test_jwks_round_trips_between_stores(keys_dir: Path, store_key: appjwt.Key) -> None:
    jwks = appjwt.KeyStore.from_directory(keys_dir).to_jwks()
    assert [jwk["kid"] for jwk in jwks["keys"]] == ["store-front"]
    copy = appjwt.KeyStore()
    copy.add_jwks(jwks)
    assert copy.verify(_app_token(store_key), _options()).app_id == "store-front"


def test_verify_app_token_is_store_verify(keys_dir: Path, store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    assert appjwt.verify_app_token(_app_token(store_key), store, _options()).app_id == "store-front"


def test_missing_keys_directory_is_a_key_source_error(tmp_path: Path) -> None:
    with pytest.raises(appjwt.KeySourceError):
        appjwt.KeyStore.from_directory(tmp_path / "absent")


def test_unknown_algorithm_name_in_store_configuration_is_refused(keys_dir: Path) -> None:
    with pytest.raises(appjwt.InvalidAlgorithmError):
        appjwt.KeyStore.from_directory(keys_dir, algorithms=["RS521"])


@contextlib.contextmanager
def _jwks_server(document: dict[str, object]) -> Iterator[str]:
    """A real HTTP server on loopback serving one JWKS document."""
    body = json.dumps(document).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()


def test_store_loads_a_jwks_url_over_http(keys_dir: Path, store_key: appjwt.Key) -> None:
    jwks = appjwt.KeyStore.from_directory(keys_dir).to_jwks()
    with _jwks_server(jwks) as url:
        store = appjwt.KeyStore()
        store.load_jwks_url(url, timeout=5)
        assert store.verify(_app_token(store_key), _options()).app_id == "store-front"


def test_unreachable_jwks_url_is_a_key_source_error() -> None:
    with _jwks_server({"keys": []}) as url:
        closed_url = url
    with pytest.raises(appjwt.KeySourceError):
        appjwt.KeyStore().load_jwks_url(closed_url, timeout=2)


# App IDs and key files


def test_generated_app_id_is_valid_and_unique() -> None:
    first, second = appjwt.generate_app_id(), appjwt.generate_app_id()
    assert appjwt.is_valid_app_id(first) and first != second
    assert len(first.split("-")) == 7


@pytest.mark.parametrize("app_id", ["../x", "a/b", "", ".hidden", "a..b", "x" * 129, "é"])
def test_invalid_app_id_is_refused(app_id: str) -> None:
    assert not appjwt.is_valid_app_id(app_id)
    with pytest.raises(appjwt.InvalidAppIdError):
        appjwt.validate_app_id(app_id)


def test_key_paths_are_named_by_app_id(tmp_path: Path) -> None:
    assert appjwt.private_key_path(tmp_path, "app") == tmp_path / "app_private.pem"
    assert appjwt.public_key_path(str(tmp_path), "app") == tmp_path / "app_public.pem"


def test_key_path_with_an_invalid_app_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(appjwt.InvalidAppIdError):
        appjwt.private_key_path(tmp_path, "../escape")


def test_generate_key_pair_writes_a_private_file_only_its_owner_reads(tmp_path: Path) -> None:
    files = appjwt.generate_key_pair(tmp_path, algorithm="ES256")
    assert appjwt.is_valid_app_id(files.app_id)
    assert stat.S_IMODE(os.stat(files.private_key).st_mode) == 0o600
    key = appjwt.load_key_file(files.private_key)
    assert key.is_private and key.curve == "P-256"
    assert appjwt.read_key_file(files.public_key).startswith(b"-----BEGIN PUBLIC KEY-----")


def test_generate_key_pair_never_overwrites(tmp_path: Path) -> None:
    appjwt.generate_key_pair(tmp_path, app_id="app", algorithm="EdDSA")
    with pytest.raises(appjwt.KeySourceError):
        appjwt.generate_key_pair(tmp_path, app_id="app", algorithm="EdDSA")


def test_generate_key_for_hmac_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        appjwt.generate_key("HS256")


def test_default_algorithms_follow_the_key_type() -> None:
    assert appjwt.default_algorithms(appjwt.generate_key("ES384")) == ["ES384"]


def test_unreadable_key_file_is_a_key_source_error(tmp_path: Path) -> None:
    with pytest.raises(appjwt.KeySourceError):
        appjwt.load_key_file(tmp_path / "missing_public.pem")


def _fresh_app_token(key: appjwt.Key, **claims: object) -> str:
    """An app token valid now by the real clock, as the verified-token cache keeps only those."""
    return appjwt.sign({"appId": "store-front", **claims}, key, "RS512", expires_in=300)


def test_verified_token_cache_is_off_by_default(keys_dir: Path, store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir)
    store.verify(_fresh_app_token(store_key))
    assert store.cached_token_count() == 0


def test_verified_token_cache_remembers_a_repeated_token_once(
    keys_dir: Path, store_key: appjwt.Key
) -> None:
    store = appjwt.KeyStore.from_directory(keys_dir, verified_token_cache_size=10)
    token = _fresh_app_token(store_key)
    for _ in range(3):
        assert store.verify(token).app_id == "store-front"
    assert store.cached_token_count() == 1


def test_cached_token_stops_verifying_once_its_app_is_removed(store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore(verified_token_cache_size=10)
    store.add("store-front", store_key.public_pem())
    token = _fresh_app_token(store_key)
    store.verify(token)
    store.remove("store-front")
    assert store.cached_token_count() == 0
    with pytest.raises(appjwt.UnknownKeyError):
        store.verify(token)


def test_cached_token_still_meets_each_calls_options(store_key: appjwt.Key) -> None:
    store = appjwt.KeyStore(verified_token_cache_size=10)
    store.add("store-front", store_key.public_pem())
    token = _fresh_app_token(store_key, aud="orders-api")
    store.verify(token, appjwt.VerifyOptions(audience=["orders-api"]))
    with pytest.raises(appjwt.InvalidAudienceError):
        store.verify(token, appjwt.VerifyOptions(audience=["billing-api"]))
