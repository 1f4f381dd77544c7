"""The admin site, a Python server that calls the central API. It holds its own
private key; a TokenSigner gives it a short-lived RS512 token {"appId": "admin"}
for each request, signing once every few minutes rather than per request.

    python3 client.py API_URL PRIVATE_KEY_FILE

Prints one line per request; exits 1 if any answer is not the expected one.
"""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.error
import urllib.request
from typing import Optional

import appjwt

APP_ID = "admin"


def request(api_url: str, method: str, path: str, token: Optional[str]) -> tuple[int, object]:
    headers = {"x-token": token} if token else {}
    http_request = urllib.request.Request(api_url + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(http_request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def summary(status: int, body: object) -> str:
    if status < 400:
        return f"{len(body)} users" if isinstance(body, list) else json.dumps(body)
    assert isinstance(body, dict)
    return f"{body.get('error')}: {body.get('message')}" if body.get("message") else str(body.get("error"))


def main(api_url: str, key_file: str) -> int:
    signer = appjwt.TokenSigner(APP_ID, appjwt.load_key_file(key_file))  # RS512, 300 s, cached
    unexpected = 0

    def call(label: str, method: str, path: str, token: Optional[str], expected: int) -> None:
        nonlocal unexpected
        status, body = request(api_url, method, path, token)
        ok = status == expected
        unexpected += not ok
        outcome = "ok  " if ok else "FAIL"
        print(f"  {outcome} {APP_ID:<6} {label:<34} {method + ' ' + path:<16} {status} {summary(status, body)}")

    # The everyday job: a token from the signer on every request.
    call("good token", "GET", "/users", signer.token(), 200)
    call("good token, admin scope", "DELETE", "/users/3", signer.token(), 200)

    # What the API must refuse.
    with tempfile.TemporaryDirectory() as keys:
        intruder = appjwt.generate_key_pair(keys, app_id="intruder", rsa_bits=2048)
        unknown = appjwt.TokenSigner("intruder", appjwt.load_key_file(intruder.private_key))
        call("unknown app", "GET", "/users", unknown.token(), 401)
    impostor = appjwt.TokenSigner("stores", appjwt.load_key_file(key_file))
    call("signed with the wrong app's key", "GET", "/users", impostor.token(), 401)
    call("no token", "GET", "/users", None, 401)
    return 0 if unexpected == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: client.py API_URL PRIVATE_KEY_FILE")
    sys.exit(main(sys.argv[1], sys.argv[2]))
