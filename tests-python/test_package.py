"""The installed package: typing information and public names."""

from __future__ import annotations

from pathlib import Path

import appjwt


def test_package_ships_py_typed_and_native_stubs() -> None:
    package = Path(appjwt.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()


def test_every_name_in_all_exists() -> None:
    assert [name for name in appjwt.__all__ if not hasattr(appjwt, name)] == []


def test_cryptography_is_not_imported_by_appjwt() -> None:
    import subprocess
    import sys

    code = "import sys, appjwt; appjwt.decode(appjwt.encode({}, b'k' * 32), b'k' * 32, algorithms=['HS256']); print('cryptography' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
