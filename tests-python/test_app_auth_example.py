"""The example's Python side over real HTTP on loopback: the API's Flask twin
(examples/api/server.py, with the standard library's sqlite3) on a keys
directory, called by the admin client (examples/admin) and by TokenSigners.
The cross-language flows (Node client and server) are in tests-node/app-auth-example.test.js."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import pytest

import appjwt

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """stores/ and admin/ key pairs, and api-keys/ with their public keys."""
    work = tmp_path_factory.mktemp("example")
    (work / "api-keys").mkdir()
    for app_id in ("stores", "admin"):
        files = appjwt.generate_key_pair(work / app_id, app_id=app_id, rsa_bits=2048)
        shutil.copy(files.public_key, work / "api-keys")
    return work


@pytest.fixture(scope="module")
def api_url(work: Path) -> Iterator[str]:
    server = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "api" / "server.py"), str(work / "api-keys")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        assert match, f"the API did not start: {line}{server.stdout.read() if server.poll() is not None else ''}"
        yield match.group(1)
    finally:
        server.terminate()
        server.wait()


def call(url: str, token: Optional[str], method: str = "GET") -> tuple[int, Any]:
    headers = {"x-token": token} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method, headers=headers)) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def signer(work: Path, app_id: str, **options: Any) -> appjwt.TokenSigner:
    return appjwt.TokenSigner(app_id, appjwt.load_key_file(work / app_id / f"{app_id}_private.pem"), **options)


def test_the_admin_client_gets_every_expected_answer(work: Path, api_url: str) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "admin" / "client.py"), api_url, str(work / "admin" / "admin_private.pem")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(re.findall(r"^  ok ", result.stdout, re.MULTILINE)) == 5, result.stdout


def test_a_stores_token_reads_a_user(work: Path, api_url: str) -> None:
    status, body = call(f"{api_url}/users/1", signer(work, "stores").token())
    assert (status, body["name"]) == (200, "Ada Lovelace")


def test_an_unknown_user_is_404(work: Path, api_url: str) -> None:
    assert call(f"{api_url}/users/99", signer(work, "stores").token())[0] == 404


def test_stores_may_not_delete_users(work: Path, api_url: str) -> None:
    status, body = call(f"{api_url}/users/1", signer(work, "stores").token(), "DELETE")
    assert (status, body["error"]) == (403, "insufficient_scope")


def test_a_token_narrowed_to_read_only_may_not_delete(work: Path, api_url: str) -> None:
    narrowed = signer(work, "admin", claims={"scope": "users:read"})
    assert call(f"{api_url}/users/2", narrowed.token(), "DELETE")[0] == 403


def test_a_token_claiming_a_scope_its_app_lacks_is_refused(work: Path, api_url: str) -> None:
    widened = signer(work, "stores", claims={"scope": "users:read users:admin"})
    status, body = call(f"{api_url}/users", widened.token())
    assert (status, body["error"]) == (403, "insufficient_scope")


def test_an_expired_token_is_401(work: Path, api_url: str) -> None:
    expired = signer(work, "stores", clock=lambda: 1_000_000_000.0)
    status, body = call(f"{api_url}/users", expired.token())
    assert (status, body["error"]) == (401, "invalid_token")


def test_the_api_publishes_its_public_keys_as_a_jwks(api_url: str) -> None:
    status, jwks = call(f"{api_url}/.well-known/jwks.json", None)
    assert status == 200
    assert [key["kid"] for key in jwks["keys"]] == ["admin", "stores"]
    assert all("d" not in key for key in jwks["keys"])
