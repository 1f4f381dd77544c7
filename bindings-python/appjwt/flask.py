"""Application authentication for Flask and any WSGI application, on a KeyStore.

    from appjwt.flask import AppAuth
    auth = AppAuth(appjwt.KeyStore.from_directory("keys"))

    @app.get("/users")
    @auth.required()                     # any app with a valid token
    def users(): ... flask.g.app_auth.app_id, flask.g.app_auth.claims

    @app.delete("/users/<int:user_id>")
    @auth.required("users:admin")        # and this scope (else 403)

or, for a whole WSGI application: ``app = AppAuthMiddleware(app, key_store)``,
which puts the AppToken in ``environ["appjwt.auth"]``.

The token is read from the ``x-token`` header (``token_header``) or
``Authorization: Bearer``. Failures are JSON: 401 ``{"error": "invalid_token",
"message": ...}``, 403 ``{"error": "insufficient_scope", ...}``. Flask is imported
only when a route is called (``pip install appjwt[flask]``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any, Callable, TypeVar

from ._http_auth import AuthFailure, Gate
from ._native import KeyStore

__all__ = ["AppAuth", "AppAuthMiddleware", "ENVIRON_KEY"]

ENVIRON_KEY = "appjwt.auth"

_View = TypeVar("_View", bound=Callable[..., Any])


def _environ_header(environ: dict[str, Any]) -> Callable[[str], Any]:
    return lambda name: environ.get("HTTP_" + name.upper().replace("-", "_"))


class AppAuth:
    """Per-route application authentication for Flask. Options as for
    AppAuthMiddleware (token_header, required_scopes for every route, and
    KeyStore.verify's options)."""

    def __init__(self, key_store: KeyStore, **options: Any) -> None:
        self.gate = Gate(key_store, **options)

    def required(self, *scopes: str) -> Callable[[_View], _View]:
        """A view decorator: the request needs a valid app token holding every scope.
        The AppToken is in ``flask.g.app_auth`` (and ``request.environ["appjwt.auth"]``)."""
        if any(not isinstance(scope, str) for scope in scopes):
            raise TypeError("scopes are strings: decorate views with @auth.required(), with parentheses")

        def decorate(view: _View) -> _View:
            @functools.wraps(view)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                import flask

                environ = flask.request.environ
                try:
                    verified = self.gate.authenticate(_environ_header(environ), scopes)
                except AuthFailure as failure:
                    response = flask.jsonify(failure.body())
                    response.status_code = failure.status
                    response.headers.extend(failure.headers())
                    return response
                environ[ENVIRON_KEY] = flask.g.app_auth = verified
                return view(*args, **kwargs)

            return wrapper  # type: ignore[return-value]

        return decorate


class AppAuthMiddleware:
    """WSGI middleware: every request needs a valid app token holding
    required_scopes; paths starting with one of ``exclude`` are let through.
    Options: required_scopes, token_header ("x-token"), exclude, and
    KeyStore.verify's (``options=VerifyOptions(...)``, ``app_id_claim``, ...)."""

    def __init__(self, app: Callable[..., Iterable[bytes]], key_store: KeyStore, **options: Any) -> None:
        self.app = app
        self.gate = Gate(key_store, **options)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.gate.excludes(environ.get("PATH_INFO", "")):
            return self.app(environ, start_response)
        try:
            environ[ENVIRON_KEY] = self.gate.authenticate(_environ_header(environ))
        except AuthFailure as failure:
            body = json.dumps(failure.body()).encode()
            status = "401 Unauthorized" if failure.status == 401 else "403 Forbidden"
            headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            start_response(status, headers + failure.headers())
            return [body]
        return self.app(environ, start_response)
