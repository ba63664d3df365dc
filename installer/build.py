"""Build Oxygen Intake for the platform this runs on, smoke-test it, and package it.

    python installer/build.py [--clean] [--no-package] [--skip-self-test]

Steps (each prints one line with its time):

1. draw the icons (`installer/icons/make_icon.py` → ``build/icons/``);
2. PyInstaller one-folder build from `installer/oxygen_intake.spec` → ``dist/``;
3. run the frozen ``oxygen-intake --self-test`` offscreen; the build fails if it fails;
4. measure start-up: the launcher alone (``--help``), and the window when the app offers
   ``--sample --screenshot OUT.png`` (read the sample, render the window, exit);
5. report the bundle size (and the largest files);
6. package: Linux ``dist/oxygen-intake-<version>-linux-<arch>.tar.gz`` with a desktop entry
   and icon; Windows an Inno Setup installer (``installer/windows/oxygen_intake.iss``), signed
   when a certificate is configured; macOS a ``.dmg`` (``installer/macos/build-dmg.sh``),
   signed, notarized and stapled when credentials are configured
   (``installer/macos/sign-and-notarize.sh``).

Signing is configured only through environment variables (never arguments, never files in
the repository): see `installer/README.md`. Secrets are never printed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
ROOT = INSTALLER.parent
sys.path.insert(0, str(INSTALLER))
import bundle_manifest as manifest  # noqa: E402

BUILD = ROOT / "build"
DIST = ROOT / "dist"
ICONS = BUILD / "icons"
SELF_TEST_TIMEOUT = 600
"""Seconds; OCR on a slow CI runner takes well under a minute."""
DEFAULT_TIMESTAMP_URL = "http://timestamp.digicert.com"


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def step(name: str) -> _Step:
    return _Step(name)


class _Step:
    """``with step("name"):`` prints ``ok  name (12.3s)`` or ``FAIL name: reason``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seconds = 0.0

    def __enter__(self) -> _Step:
        print(f"...  {self.name}", flush=True)
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        self.seconds = time.perf_counter() - self._t0
        if exc is None:
            print(f"ok   {self.name} ({self.seconds:.1f}s)", flush=True)
        else:
            print(f"FAIL {self.name}: {exc}", flush=True)


def run(cmd: Sequence[str | Path], *, env: dict[str, str] | None = None,
        timeout: float | None = None, secrets: Sequence[str] = (), stream: bool = False
        ) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing its output; raise `BuildError` with the output's tail on failure.

    With ``secrets`` the command line is not shown and each secret is blanked in the output.
    With ``stream`` the output goes straight to this process's (for long steps such as
    notarization, whose progress a release log should show).
    """
    shown = "<command with secrets>" if secrets else " ".join(str(c) for c in cmd)
    capture = None if stream else subprocess.PIPE
    try:
        proc = subprocess.run([str(c) for c in cmd], env=env, timeout=timeout, text=True,
                              stdout=capture, stderr=subprocess.STDOUT if capture else None,
                              check=False)
    except subprocess.TimeoutExpired:
        raise BuildError(f"{shown}: no result after {timeout:.0f}s") from None
    except FileNotFoundError:
        raise BuildError(f"{shown}: program not found") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout or "").splitlines()[-40:])
        for secret in secrets:
            if secret:
                tail = tail.replace(secret, "***")
        raise BuildError(f"{shown}: exit code {proc.returncode}\n{tail}")
    return proc


# --- steps --------------------------------------------------------------------------------


def make_icons() -> None:
    run([sys.executable, INSTALLER / "icons" / "make_icon.py", ICONS])


def pyinstaller(clean: bool) -> None:
    cmd: list[str | Path] = [sys.executable, "-m", "PyInstaller",
                             INSTALLER / "oxygen_intake.spec", "--noconfirm",
                             "--log-level", "WARN", "--distpath", DIST,
                             "--workpath", BUILD / "pyinstaller"]
    if clean:
        cmd.append("--clean")
    env = dict(os.environ)
    if sys.platform == "darwin" and env.get("MACOS_SIGN_IDENTITY"):
        # the spec signs with this identity; a signing error must fail the build, not warn
        env["PYINSTALLER_STRICT_BUNDLE_CODESIGN_ERROR"] = "1"
        env["PYINSTALLER_VERIFY_BUNDLE_SIGNATURE"] = "1"
    proc = run(cmd, env=env)
    (BUILD / "pyinstaller.log").write_text(proc.stdout, "utf-8")


def offscreen_env() -> dict[str, str]:
    """No display, and a throw-away case store (the builder's own cases stay untouched)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    data = BUILD / "smoke-data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    env["OXYGEN_INTAKE_DATA_DIR"] = str(data)
    return env


def strip_libpython(root: Path) -> None:
    """Linux: strip the debug symbols of the bundled libpython (about 23 MB → 6 MB).

    Only libpython: wheels' libraries are already stripped, and running ``strip`` over
    patchelf-repaired manylinux libraries can corrupt them. The self-test runs afterwards.
    """
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return
    for lib in root.glob("_internal/libpython3*.so*"):
        if lib.is_file() and not lib.is_symlink():
            run([strip, "--strip-debug", lib])


def self_test(exe: Path) -> str:
    """Run the frozen ``--self-test``; return its output (raises when it fails)."""
    if not exe.is_file():
        raise BuildError(f"{exe} was not built")
    try:
        proc = subprocess.run([str(exe), "--self-test"], env=offscreen_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=SELF_TEST_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise BuildError(f"--self-test gave no result after {SELF_TEST_TIMEOUT}s") from None
    print(proc.stdout.rstrip(), flush=True)
    if proc.returncode != 0:
        raise BuildError(f"--self-test exited with {proc.returncode}")
    return proc.stdout


def timed(cmd: Sequence[str | Path]) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], env=offscreen_env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, timeout=300, check=False)
    return time.perf_counter() - t0, proc.returncode


def start_up(exe: Path) -> list[str]:
    """Start-up figures, as report lines."""
    lines = []
    seconds, code = timed([exe, "--help"])
    lines.append(f"launcher start (--help, exit {code}): {seconds:.2f}s")
    for label, extra in (("window shown, empty", []),
                         ("window shown with the 3-page sample read", ["--sample"])):
        shot = BUILD / "startup-screenshot.png"
        shot.unlink(missing_ok=True)
        seconds, code = timed([exe, *extra, "--screenshot", shot])
        if code == 0 and shot.is_file():
            lines.append(f"{label} (--screenshot, to exit): {seconds:.2f}s")
        else:
            lines.append(f"{label}: not measured (--screenshot exited {code} without a "
                         "screenshot; not offered by this build)")
    return lines


def bundle_size(root: Path) -> list[str]:
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    lines = [f"bundle {root.name}: {total / 1e6:.1f} MB in {len(files)} files"]
    for p in sorted(files, key=lambda f: f.stat().st_size, reverse=True)[:8]:
        lines.append(f"  {p.stat().st_size / 1e6:6.1f} MB  {p.relative_to(root)}")
    return lines


# --- packages -----------------------------------------------------------------------------


def linux_archive(root: Path, ver: str) -> Path:
    """``oxygen-intake-<ver>-linux-<arch>.tar.gz``: the bundle, a desktop entry and its icon."""
    name = f"oxygen-intake-{ver}-linux-{platform.machine()}"
    out = DIST / f"{name}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        tar.add(root, arcname=name)
        tar.add(INSTALLER / "linux" / "oxygen-intake.desktop",
                arcname=f"{name}/share/oxygen-intake.desktop")
        tar.add(ICONS / "oxygen-intake.png", arcname=f"{name}/share/oxygen-intake.png")
        tar.add(INSTALLER / "linux" / "install-desktop-entry.sh",
                arcname=f"{name}/install-desktop-entry.sh")
    return out


def _inno_escape(text: str) -> str:
    """Inno Setup reads ``$`` in a sign-tool command as an escape; ``$$`` is a literal ``$``."""
    return text.replace("$", "$$")


def _signtool_command() -> str | None:
    """The Inno Setup sign-tool command line, or None when no certificate is configured.

    ``WIN_SIGN_CERT_SHA1`` (a certificate in the Windows store, e.g. on a hardware token) or
    ``WIN_SIGN_CERT_FILE`` + ``WIN_SIGN_CERT_PASSWORD`` (a .pfx file). ``SIGNTOOL`` overrides
    the signtool.exe found on PATH; ``WIN_SIGN_TIMESTAMP_URL`` the RFC 3161 time-stamp server.
    """
    thumbprint = os.environ.get("WIN_SIGN_CERT_SHA1", "").strip()
    pfx = os.environ.get("WIN_SIGN_CERT_FILE", "").strip()
    if not thumbprint and not pfx:
        return None
    signtool = os.environ.get("SIGNTOOL") or shutil.which("signtool")
    if not signtool:
        raise BuildError("a signing certificate is configured but signtool.exe was not found "
                         "(install the Windows SDK or set SIGNTOOL)")
    stamp = os.environ.get("WIN_SIGN_TIMESTAMP_URL") or DEFAULT_TIMESTAMP_URL
    cmd = (f"$q{_inno_escape(signtool)}$q sign /fd sha256 /tr {_inno_escape(stamp)} "
           "/td sha256 /d $qOxygen Intake$q")
    if thumbprint:
        cmd += f" /sha1 {_inno_escape(thumbprint)}"
    else:
        if not Path(pfx).is_file():
            raise BuildError("WIN_SIGN_CERT_FILE does not point at a file")
        cmd += f" /f $q{_inno_escape(pfx)}$q"
        password = os.environ.get("WIN_SIGN_CERT_PASSWORD")
        if password:
            if '"' in password:
                raise BuildError('WIN_SIGN_CERT_PASSWORD must not contain a double quote')
            cmd += f" /p $q{_inno_escape(password)}$q"
    return cmd + " $f"


def _iscc() -> str:
    found = os.environ.get("ISCC") or shutil.which("iscc")
    if found:
        return found
    # os.environ is case-insensitive on Windows
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"),
                 os.environ.get("LOCALAPPDATA", "") + "\\Programs"):
        if base and Path(base, "Inno Setup 6", "ISCC.exe").is_file():
            return str(Path(base, "Inno Setup 6", "ISCC.exe"))
    raise BuildError("Inno Setup 6 (ISCC.exe) not found; install it or set ISCC")


def windows_installer(root: Path, ver: str) -> Path:
    cmd = [_iscc(), f"/DAppVersion={ver}", f"/DSourceDir={root}",
           f"/DIconFile={ICONS / 'oxygen-intake.ico'}", f"/DOutputDir={DIST}", "/Q"]
    sign = _signtool_command()
    if sign:
        cmd += ["/DSIGN=1", f"/Soxsign={sign}"]
    cmd.append(str(INSTALLER / "windows" / "oxygen_intake.iss"))
    run(cmd, secrets=[sign or "", os.environ.get("WIN_SIGN_CERT_PASSWORD", "")]
        if sign else ())
    out = DIST / f"OxygenIntake-{ver}-setup.exe"
    if not out.is_file():
        raise BuildError(f"Inno Setup did not write {out.name}")
    return out


def macos_dmg(app: Path, ver: str) -> Path:
    dmg = DIST / f"OxygenIntake-{ver}-macos-{platform.machine()}.dmg"
    if os.environ.get("MACOS_SIGN_IDENTITY"):
        script = INSTALLER / "macos" / "sign-and-notarize.sh"
    else:
        script = INSTALLER / "macos" / "build-dmg.sh"
    run(["bash", script, app, dmg], timeout=3600, stream=True)
    return dmg


# --- main ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-package", action="store_true",
                        help="stop after the self-test (no .tar.gz/installer/.dmg)")
    parser.add_argument("--skip-self-test", action="store_true",
                        help="do not run --self-test (never for a release)")
    args = parser.parse_args(argv)
    ver = version()
    report: list[str] = [f"Oxygen Intake {ver} for {sys.platform} ({platform.machine()}), "
                         f"Python {platform.python_version()}"]
    try:
        with step("icons"):
            make_icons()
        with step("PyInstaller one-folder build") as s:
            pyinstaller(args.clean)
        report.append(f"PyInstaller build: {s.seconds:.0f}s")
        root = manifest.bundle_root(DIST)
        exe = manifest.cli_executable(DIST)
        strip_libpython(root)
        if not args.skip_self_test:
            with step("frozen --self-test (offscreen)") as s:
                self_test(exe)
            report.append(f"frozen --self-test passed in {s.seconds:.1f}s (wall, cold start)")
        with step("start-up time"):
            report += start_up(exe)
        report += bundle_size(root)
        if not args.no_package:
            with step("package"):
                if sys.platform.startswith("linux"):
                    out = linux_archive(root, ver)
                elif sys.platform == "win32":
                    out = windows_installer(root, ver)
                elif sys.platform == "darwin":
                    out = macos_dmg(root, ver)
                else:
                    raise BuildError(f"no package format for {sys.platform}")
            report.append(f"package {out.name}: {out.stat().st_size / 1e6:.1f} MB")
    except (BuildError, OSError, subprocess.SubprocessError):
        print("\nbuild FAILED", flush=True)
        return 1
    print("\n" + "\n".join(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
