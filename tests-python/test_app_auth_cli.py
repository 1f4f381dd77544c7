"""The `appjwt` command for pip users (appjwt.cli): keygen, jwks, sign, verify, inspect."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import appjwt
from appjwt.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A directory with an RSA-2048 key pair for "stores"."""
    assert run(capsys, "keygen", "--app-id", "stores", "--bits", "2048", "--out", str(tmp_path))[0] == 0
    return tmp_path


def test_keygen_writes_both_files_and_prints_the_app_id(tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "keygen", "--app-id", "stores", "--bits", "2048", "--out", str(tmp_path))
    assert (status, out) == (0, "stores\n")
    assert appjwt.load_key_file(tmp_path / "stores_private.pem").is_private
    assert not appjwt.load_key_file(tmp_path / "stores_public.pem").is_private


def test_keygen_makes_the_private_file_owner_only(keys: Path) -> None:
    assert stat.S_IMODE(os.stat(keys / "stores_private.pem").st_mode) == 0o600


def test_keygen_generates_an_app_id_when_none_is_given(tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "keygen", "--alg", "ES256", "--out", str(tmp_path))
    app_id = out.strip()
    assert status == 0
    assert appjwt.is_valid_app_id(app_id) and len(app_id) == 34
    assert (tmp_path / f"{app_id}_public.pem").exists()


def test_keygen_defaults_to_rsa_3072(tmp_path: Path, capsys) -> None:
    run(capsys, "keygen", "--app-id", "stores", "--out", str(tmp_path))
    assert appjwt.load_key_file(tmp_path / "stores_private.pem").bits == 3072


def test_keygen_makes_the_key_type_of_the_algorithm(tmp_path: Path, capsys) -> None:
    run(capsys, "keygen", "--app-id", "edge", "--alg", "EdDSA", "--out", str(tmp_path))
    assert appjwt.load_key_file(tmp_path / "edge_private.pem").type == "ed25519"


def test_keygen_refuses_to_overwrite_and_keeps_the_existing_key(keys: Path, capsys) -> None:
    before = (keys / "stores_private.pem").read_bytes()
    status, out, err = run(capsys, "keygen", "--app-id", "stores", "--bits", "2048", "--out", str(keys))
    assert status == 1 and out == ""
    assert "already exists" in err and err.count("\n") == 1
    assert (keys / "stores_private.pem").read_bytes() == before


@pytest.mark.parametrize("app_id", ["../../etc/passwd", "/etc/passwd", "a/b", "", "x" * 129, "%2e%2e"])
def test_keygen_refuses_a_bad_app_id_and_writes_nothing(tmp_path: Path, capsys, app_id: str) -> None:
    status, _, err = run(capsys, "keygen", "--app-id", app_id, "--out", str(tmp_path / "keys"))
    assert status == 1
    assert "invalid_app_id" in err and err.count("\n") == 1
    assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())


def test_keygen_refuses_an_hmac_algorithm(tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "keygen", "--alg", "HS256", "--out", str(tmp_path))
    assert status == 1 and "asymmetric" in err


def test_keygen_refuses_an_unsupported_rsa_size(tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "keygen", "--bits", "1024", "--out", str(tmp_path))
    assert status == 1 and "1024" in err


def test_keygen_without_out_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["keygen"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_jwks_prints_the_public_keys_with_app_ids_as_kids(keys: Path, capsys) -> None:
    status, out, _ = run(capsys, "jwks", str(keys))
    jwks = json.loads(out)
    assert status == 0
    assert [key["kid"] for key in jwks["keys"]] == ["stores"]
    assert jwks["keys"][0]["alg"] == "RS512" and "d" not in jwks["keys"][0]


def test_jwks_uses_thumbprints_as_kids_when_asked(keys: Path, capsys) -> None:
    _, out, _ = run(capsys, "jwks", str(keys), "--thumbprint-kid")
    key = json.loads(out)["keys"][0]
    assert key["kid"] == appjwt.load_key_file(keys / "stores_public.pem").thumbprint()
    assert key["appId"] == "stores"


def test_jwks_of_a_missing_directory_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "jwks", str(tmp_path / "missing"))
    assert status == 1 and err.count("\n") == 1


def test_sign_then_verify_round_trips_an_app_token(keys: Path, capsys) -> None:
    _, token, _ = run(capsys, "sign", "--key", str(keys / "stores_private.pem"))
    status, out, _ = run(capsys, "verify", token.strip(), "--keys", str(keys))
    verified = json.loads(out)
    assert status == 0
    assert verified["appId"] == "stores"
    assert verified["claims"]["exp"] - verified["claims"]["iat"] == 300


def test_sign_takes_the_app_id_from_the_key_file_name(keys: Path, capsys) -> None:
    _, token, _ = run(capsys, "sign", "--key", str(keys / "stores_private.pem"))
    assert appjwt.decode_unverified(token.strip())["payload"]["appId"] == "stores"


def test_sign_needs_an_app_id_for_a_key_file_named_otherwise(keys: Path, capsys) -> None:
    (keys / "stores_private.pem").rename(keys / "key.pem")
    status, _, err = run(capsys, "sign", "--key", str(keys / "key.pem"))
    assert status == 1 and "--app-id" in err


def test_sign_adds_extra_claims(keys: Path, capsys) -> None:
    _, token, _ = run(
        capsys, "sign", "--key", str(keys / "stores_private.pem"), "--claims", '{"scope": "users:read"}'
    )
    assert appjwt.decode_unverified(token.strip())["payload"]["scope"] == "users:read"


def test_sign_with_an_unreadable_key_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "sign", "--key", str(tmp_path / "stores_private.pem"))
    assert status == 1 and "cannot read" in err and err.count("\n") == 1


def test_sign_with_a_public_key_is_a_key_error(keys: Path, capsys) -> None:
    status, _, err = run(capsys, "sign", "--key", str(keys / "stores_public.pem"), "--app-id", "stores")
    assert status == 1 and "key_error" in err


def test_verify_refuses_a_token_of_an_unknown_app(keys: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other"
    run(capsys, "keygen", "--app-id", "intruder", "--alg", "ES256", "--out", str(other))
    _, token, _ = run(capsys, "sign", "--key", str(other / "intruder_private.pem"), "--alg", "ES256")
    status, out, err = run(capsys, "verify", token.strip(), "--keys", str(keys))
    assert (status, out) == (1, "")
    assert "unknown_key" in err


def test_verify_refuses_a_missing_required_scope(keys: Path, capsys) -> None:
    _, token, _ = run(capsys, "sign", "--key", str(keys / "stores_private.pem"))
    status, _, err = run(capsys, "verify", token.strip(), "--keys", str(keys), "--scope", "users:admin")
    assert status == 1 and "insufficient_scope" in err


def test_verify_reads_the_token_from_stdin(keys: Path, capsys, monkeypatch) -> None:
    _, token, _ = run(capsys, "sign", "--key", str(keys / "stores_private.pem"))
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(token))
    assert run(capsys, "verify", "-", "--keys", str(keys))[0] == 0


def test_verify_needs_a_key_source(capsys) -> None:
    status, _, err = run(capsys, "verify", "a.b.c")
    assert status == 1 and "--keys" in err


def test_inspect_labels_the_contents_unverified(keys: Path, capsys) -> None:
    _, token, _ = run(capsys, "sign", "--key", str(keys / "stores_private.pem"))
    status, out, _ = run(capsys, "inspect", token.strip())
    assert status == 0
    assert out.startswith("UNVERIFIED")
    assert '"appId": "stores"' in out and "exp: " in out


def test_inspect_of_a_non_token_is_a_one_line_error(capsys) -> None:
    status, _, err = run(capsys, "inspect", "not-a-token")
    assert status == 1 and err.count("\n") == 1


def test_the_console_script_is_installed_and_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "appjwt"
    result = subprocess.run(
        [str(script), "keygen", "--app-id", "stores", "--alg", "ES256", "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert (result.returncode, result.stdout) == (0, "stores\n")
