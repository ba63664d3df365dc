"""`installer/build.py` helpers that run without building: the Windows sign-tool command,
secret handling, the Linux archive layout, and the icons."""

from __future__ import annotations

import importlib.util
import stat
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = load(ROOT / "installer" / "build.py", "oxygen_intake_build")
make_icon = load(ROOT / "installer" / "icons" / "make_icon.py", "oxygen_intake_make_icon")

SIGN_VARS = ("WIN_SIGN_CERT_SHA1", "WIN_SIGN_CERT_FILE", "WIN_SIGN_CERT_PASSWORD",
             "WIN_SIGN_TIMESTAMP_URL", "SIGNTOOL")


@pytest.fixture
def no_signing(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in SIGN_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_no_certificate_means_no_signing(no_signing: pytest.MonkeyPatch) -> None:
    assert build._signtool_command() is None


def test_sign_command_with_a_store_certificate(no_signing: pytest.MonkeyPatch) -> None:
    no_signing.setenv("WIN_SIGN_CERT_SHA1", "ABCDEF0123")
    no_signing.setenv("SIGNTOOL", r"C:\Kits\signtool.exe")
    cmd = build._signtool_command()
    assert cmd is not None
    assert cmd.startswith(r"$qC:\Kits\signtool.exe$q sign /fd sha256 /tr ")
    assert "/td sha256" in cmd and "/sha1 ABCDEF0123" in cmd
    assert cmd.endswith(" $f")  # Inno Setup puts the file to sign there


def test_sign_command_with_a_pfx_escapes_dollars(no_signing: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    pfx = tmp_path / "cert.pfx"
    pfx.write_bytes(b"not really")
    no_signing.setenv("WIN_SIGN_CERT_FILE", str(pfx))
    no_signing.setenv("WIN_SIGN_CERT_PASSWORD", "pa$$word")
    no_signing.setenv("SIGNTOOL", "signtool.exe")
    cmd = build._signtool_command()
    assert cmd is not None
    assert f"/f $q{pfx}$q" in cmd
    assert "/p $qpa$$$$word$q" in cmd  # Inno reads $$ as one $


def test_sign_command_refuses_what_it_cannot_pass_safely(no_signing: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    no_signing.setenv("SIGNTOOL", "signtool.exe")
    no_signing.setenv("WIN_SIGN_CERT_FILE", str(tmp_path / "missing.pfx"))
    with pytest.raises(build.BuildError, match="does not point at a file"):
        build._signtool_command()
    (tmp_path / "cert.pfx").write_bytes(b"x")
    no_signing.setenv("WIN_SIGN_CERT_FILE", str(tmp_path / "cert.pfx"))
    no_signing.setenv("WIN_SIGN_CERT_PASSWORD", 'a"b')
    with pytest.raises(build.BuildError, match="double quote"):
        build._signtool_command()


def test_a_failing_command_with_secrets_does_not_leak_them() -> None:
    code = "print('signing with hunter2 failed'); raise SystemExit(3)"
    with pytest.raises(build.BuildError) as info:
        build.run([sys.executable, "-c", code], secrets=["hunter2"])
    message = str(info.value)
    assert "hunter2" not in message
    assert "<command with secrets>" in message and "***" in message and "exit code 3" in message


def test_linux_archive_layout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = tmp_path / "OxygenIntake"
    (root / "_internal").mkdir(parents=True)
    exe = root / "oxygen-intake"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    (root / "_internal" / "lib.so").write_bytes(b"\0")
    icons = tmp_path / "icons"
    icons.mkdir()
    Image.new("RGBA", (256, 256)).save(icons / "oxygen-intake.png")
    monkeypatch.setattr(build, "DIST", tmp_path)
    monkeypatch.setattr(build, "ICONS", icons)
    out = build.linux_archive(root, "9.9.9")
    assert out.name.startswith("oxygen-intake-9.9.9-linux-") and out.name.endswith(".tar.gz")
    with tarfile.open(out) as tar:
        members = {m.name: m for m in tar.getmembers()}
    top = out.name.removesuffix(".tar.gz")
    for name in ("oxygen-intake", "_internal/lib.so", "share/oxygen-intake.desktop",
                 "share/oxygen-intake.png", "install-desktop-entry.sh"):
        assert f"{top}/{name}" in members, name
    for name in ("oxygen-intake", "install-desktop-entry.sh"):
        assert members[f"{top}/{name}"].mode & stat.S_IXUSR, name


def test_bundle_size_counts_files(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 2_000_000)
    (tmp_path / "b").write_bytes(b"y" * 500_000)
    lines = build.bundle_size(tmp_path)
    assert lines[0].endswith(": 2.5 MB in 2 files")
    assert lines[1].strip().endswith("a")


def test_version_comes_from_pyproject() -> None:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert build.version() == data["project"]["version"]
    assert "pyinstaller" in " ".join(data["project"]["optional-dependencies"]["installer"])


def test_icons_are_drawn_in_every_format(tmp_path: Path) -> None:
    assert make_icon.main(tmp_path) == 0
    with Image.open(tmp_path / "oxygen-intake.png") as png:
        assert png.size == (256, 256)
    with Image.open(tmp_path / "oxygen-intake.ico") as ico:
        assert {(16, 16), (32, 32), (256, 256)} <= set(ico.info["sizes"])
    assert (tmp_path / "oxygen-intake.icns").read_bytes()[:4] == b"icns"
