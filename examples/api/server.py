"""The central API server's Python twin (Flask and the standard library's
sqlite3): the same routes, scopes and answers as server.js, on the same keys.

    python3 server.py KEYS_DIR [PORT]     (PORT 0 or absent: a free loopback port)
"""

from __future__ import annotations

import json
import signal
import sqlite3
import sys
import threading
from pathlib import Path

import flask
from werkzeug.serving import make_server

import appjwt
from appjwt.flask import AppAuth


def open_database() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.row_factory = sqlite3.Row
    with db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)")
        db.executemany(
            "INSERT INTO users (name, email) VALUES (?, ?)",
            [("Ada Lovelace", "ada@example.com"), ("Alan Turing", "alan@example.com"),
             ("Grace Hopper", "grace@example.com")],
        )
    return db


def open_key_store(keys_dir: str) -> appjwt.KeyStore:
    # The callers' TokenSigners send each token for minutes: remember verified ones.
    key_store = appjwt.KeyStore.from_directory(keys_dir, verified_token_cache_size=10000)
    grants = json.loads((Path(__file__).parent / "apps.json").read_text())
    for app_id, scopes in grants.items():
        key_store.set_scopes(app_id, scopes)
    return key_store


def create_app(key_store: appjwt.KeyStore, db: sqlite3.Connection) -> flask.Flask:
    app = flask.Flask(__name__)
    auth = AppAuth(key_store)  # flask.g.app_auth: the verified AppToken
    lock = threading.Lock()  # one connection shared by the server's threads

    def rows(sql: str, *args: object) -> list[dict[str, object]]:
        with lock, db:
            return [dict(row) for row in db.execute(sql, args)]

    def change(sql: str, *args: object) -> int:
        with lock, db:
            return db.execute(sql, args).rowcount

    @app.get("/.well-known/jwks.json")
    def jwks() -> flask.Response:
        return flask.jsonify(key_store.to_jwks())

    @app.get("/users")
    @auth.required("users:read")
    def users() -> flask.Response:
        return flask.jsonify(rows("SELECT id, name, email FROM users ORDER BY id"))

    @app.get("/users/<int:user_id>")
    @auth.required("users:read")
    def user(user_id: int) -> tuple[flask.Response, int]:
        found = rows("SELECT id, name, email FROM users WHERE id = ?", user_id)
        return (flask.jsonify(found[0]), 200) if found else (flask.jsonify(error="not_found"), 404)

    @app.delete("/users/<int:user_id>")
    @auth.required("users:admin")
    def delete_user(user_id: int) -> tuple[flask.Response, int]:
        if change("DELETE FROM users WHERE id = ?", user_id) == 0:
            return flask.jsonify(error="not_found"), 404
        return flask.jsonify(deleted=user_id, by=flask.g.app_auth.app_id), 200

    return app


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        sys.exit("usage: server.py KEYS_DIR [PORT]")
    key_store = open_key_store(argv[1])
    server = make_server("127.0.0.1", int(argv[2]) if len(argv) == 3 else 0,
                         create_app(key_store, open_database()), threaded=True)
    # Picks up added, changed and removed key files without a restart.
    signal.signal(signal.SIGHUP, lambda *_: key_store.reload())
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    # The demo reads this line to find the port.
    print(f"listening on http://127.0.0.1:{server.server_port} (apps: {', '.join(key_store.app_ids())})",
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
