"""The Flask/WSGI (appjwt.flask) and ASGI (appjwt.asgi) middlewares on a KeyStore:
token from x-token or Authorization: Bearer, the AppToken attached, 401 / 403 JSON."""

import asyncio
import contextlib
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any, Optional

import pytest

import appjwt
from appjwt.asgi import AppAuthMiddleware as AsgiAppAuth
from appjwt.asgi import require_scopes
from appjwt.flask import AppAuth, AppAuthMiddleware


@pytest.fixture(scope="module")
def app_keys() -> dict[str, appjwt.Key]:
    return {"stores": appjwt.Key.generate_rsa(2048), "admin": appjwt.Key.generate_rsa(2048)}


@pytest.fixture(scope="module")
def key_store(app_keys: dict[str, appjwt.Key]) -> appjwt.KeyStore:
    store = appjwt.KeyStore()
    for app_id, key in app_keys.items():
        store.add(app_id, key.public_key())
    store.set_scopes("stores", ["users:read"])
    store.set_scopes("admin", ["users:read", "users:admin"])
    return store


@pytest.fixture(scope="module")
def tokens(app_keys: dict[str, appjwt.Key]) -> dict[str, str]:
    now = time.time()
    return {
        "stores": appjwt.TokenSigner("stores", app_keys["stores"]).token(),
        "admin": appjwt.TokenSigner("admin", app_keys["admin"]).token(),
        "expired": appjwt.TokenSigner("stores", app_keys["stores"], clock=lambda: now - 3600).token(),
        "wrong_key": appjwt.TokenSigner("stores", app_keys["admin"]).token(),
    }


# --- Flask, over real HTTP on loopback ---------------------------------------------------


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def get(url: str, headers: Optional[dict[str, str]] = None) -> tuple[int, dict[str, Any], Any]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.load(error)


@pytest.fixture(scope="module")
def flask_url(key_store: appjwt.KeyStore) -> Iterator[str]:
    import flask

    app = flask.Flask(__name__)
    auth = AppAuth(key_store)

    @app.get("/users")
    @auth.required()
    def users() -> Any:
        return {"app_id": flask.g.app_auth.app_id, "claims": flask.g.app_auth.claims}

    @app.get("/admin")
    @auth.required("users:admin")
    def admin() -> Any:
        return {"app_id": flask.g.app_auth.app_id}

    with serving(app) as url:
        yield url


def test_flask_accepts_a_valid_x_token_and_attaches_the_app(flask_url: str, tokens) -> None:
    status, _, body = get(flask_url + "/users", {"x-token": tokens["stores"]})
    assert status == 200
    assert body["app_id"] == "stores" and body["claims"]["appId"] == "stores"


def test_flask_accepts_an_authorization_bearer_token(flask_url: str, tokens) -> None:
    status, _, body = get(flask_url + "/users", {"Authorization": f"Bearer {tokens['admin']}"})
    assert (status, body["app_id"]) == (200, "admin")


def test_flask_answers_401_json_without_a_token(flask_url: str) -> None:
    status, headers, body = get(flask_url + "/users")
    assert status == 401
    assert body == {"error": "invalid_token", "message": "no token was found in the request"}
    assert headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.parametrize("name", ["expired", "wrong_key"])
def test_flask_answers_401_for_a_bad_token(flask_url: str, tokens, name: str) -> None:
    status, _, body = get(flask_url + "/users", {"x-token": tokens[name]})
    assert (status, body["error"]) == (401, "invalid_token")


def test_flask_answers_401_for_a_tampered_token(flask_url: str, tokens) -> None:
    header, payload, signature = tokens["stores"].split(".")
    tampered = f"{header}.{payload}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    assert get(flask_url + "/users", {"x-token": tampered})[0] == 401


def test_flask_answers_403_for_a_missing_route_scope(flask_url: str, tokens) -> None:
    status, _, body = get(flask_url + "/admin", {"x-token": tokens["stores"]})
    assert (status, body["error"]) == (403, "insufficient_scope")


def test_flask_lets_an_app_holding_the_route_scope_in(flask_url: str, tokens) -> None:
    assert get(flask_url + "/admin", {"x-token": tokens["admin"]})[0] == 200


def test_flask_reads_a_configured_token_header(key_store: appjwt.KeyStore, tokens) -> None:
    import flask

    app = flask.Flask(__name__)
    auth = AppAuth(key_store, token_header="x-app-token")
    app.add_url_rule("/", view_func=auth.required()(lambda: {"app_id": flask.g.app_auth.app_id}))
    with serving(app) as url:
        assert get(url + "/", {"x-app-token": tokens["stores"]})[0] == 200
        assert get(url + "/", {"x-token": tokens["stores"]})[0] == 401


def test_required_without_parentheses_is_a_type_error(key_store: appjwt.KeyStore) -> None:
    with pytest.raises(TypeError, match="parentheses"):
        AppAuth(key_store).required(lambda: None)  # type: ignore[arg-type]


def test_app_auth_refuses_something_that_is_not_a_key_store() -> None:
    with pytest.raises(TypeError):
        AppAuth({"stores": "key"})  # type: ignore[arg-type]


# --- plain WSGI ------------------------------------------------------------------------------


def wsgi_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    body = json.dumps({"app_id": environ["appjwt.auth"].app_id}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]


@pytest.fixture(scope="module")
def wsgi_url(key_store: appjwt.KeyStore) -> Iterator[str]:
    with serving(AppAuthMiddleware(wsgi_app, key_store, required_scopes=["users:read"])) as url:
        yield url


def test_wsgi_middleware_puts_the_app_token_in_the_environ(wsgi_url: str, tokens) -> None:
    assert get(wsgi_url + "/users", {"x-token": tokens["stores"]})[2] == {"app_id": "stores"}


def test_wsgi_middleware_answers_401_json_for_a_bad_token(wsgi_url: str, tokens) -> None:
    status, _, body = get(wsgi_url + "/users", {"x-token": tokens["expired"]})
    assert (status, body["error"]) == (401, "invalid_token")


def test_wsgi_middleware_lets_excluded_paths_through(key_store: appjwt.KeyStore) -> None:
    def health(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"ok": true}']

    with serving(AppAuthMiddleware(health, key_store, exclude=["/health"])) as url:
        assert get(url + "/health")[2] == {"ok": True}
        assert get(url + "/users")[0] == 401


# --- ASGI, called as an ASGI server calls it -------------------------------------------------


def call_asgi(
    app: Any, path: str, headers: dict[str, str], method: str = "GET"
) -> tuple[int, dict[str, str], Any]:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1234),
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
    }
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(message for message in messages if message["type"] == "http.response.start")
    body = b"".join(message.get("body", b"") for message in messages if message["type"] == "http.response.body")
    response_headers = {name.decode(): value.decode() for name, value in start["headers"]}
    return start["status"], response_headers, json.loads(body)


async def echo_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    body = json.dumps({"app_id": scope["state"]["app_auth"].app_id}).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def test_asgi_middleware_puts_the_app_token_in_the_scope_state(key_store, tokens) -> None:
    status, _, body = call_asgi(AsgiAppAuth(echo_app, key_store), "/users", {"x-token": tokens["stores"]})
    assert (status, body) == (200, {"app_id": "stores"})


def test_asgi_middleware_accepts_an_authorization_bearer_token(key_store, tokens) -> None:
    app = AsgiAppAuth(echo_app, key_store)
    assert call_asgi(app, "/", {"authorization": f"Bearer {tokens['admin']}"})[0] == 200


def test_asgi_middleware_answers_401_json_for_a_bad_token(key_store, tokens) -> None:
    status, headers, body = call_asgi(AsgiAppAuth(echo_app, key_store), "/", {"x-token": tokens["wrong_key"]})
    assert (status, body["error"]) == (401, "invalid_token")
    assert headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_asgi_middleware_answers_403_for_a_missing_scope(key_store, tokens) -> None:
    app = AsgiAppAuth(echo_app, key_store, required_scopes=["users:admin"])
    status, _, body = call_asgi(app, "/", {"x-token": tokens["stores"]})
    assert (status, body["error"]) == (403, "insufficient_scope")


def test_asgi_middleware_lets_excluded_paths_through(key_store) -> None:
    async def health(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b'"ok"'})

    assert call_asgi(AsgiAppAuth(health, key_store, exclude=["/health"]), "/health", {})[0] == 200


# FastAPI resolves route annotations at run time, so this module does not use
# `from __future__ import annotations`.
def fastapi_app(key_store: appjwt.KeyStore) -> Any:
    import fastapi

    app = fastapi.FastAPI()
    app.add_middleware(AsgiAppAuth, key_store=key_store)

    @app.get("/users")
    def users(request: fastapi.Request) -> dict[str, str]:
        return {"app_id": request.state.app_auth.app_id}

    @app.delete("/users/1")
    def delete(app_token: Any = fastapi.Depends(require_scopes("users:admin"))) -> dict[str, str]:
        return {"deleted_by": app_token.app_id}

    return app


def test_fastapi_route_sees_the_app_on_request_state(key_store, tokens) -> None:
    status, _, body = call_asgi(fastapi_app(key_store), "/users", {"x-token": tokens["stores"]})
    assert (status, body) == (200, {"app_id": "stores"})


def test_fastapi_require_scopes_refuses_an_app_without_the_scope(key_store, tokens) -> None:
    app = fastapi_app(key_store)
    assert call_asgi(app, "/users/1", {"x-token": tokens["stores"]}, "DELETE")[0] == 403
    assert call_asgi(app, "/users/1", {"x-token": tokens["admin"]}, "DELETE")[2] == {"deleted_by": "admin"}
