"""The PyInstaller spec and its manifest: it parses, its data files exist, the plugins the app
needs are kept, nothing the app imports is excluded; the platform files are well formed.

These check the files, not a build: building takes minutes (`installer/build.py` does that,
and runs the frozen `--self-test`).
"""

from __future__ import annotations

import ast
import configparser
import glob
import importlib.util
import plistlib
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


manifest = load("bundle_manifest")


def spec_calls() -> dict[str, list[ast.Call]]:
    tree = ast.parse((INSTALLER / "oxygen_intake.spec").read_text("utf-8"))
    calls: dict[str, list[ast.Call]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            calls.setdefault(node.func.id, []).append(node)
    return calls


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg}


def test_spec_parses_and_builds_one_folder() -> None:
    calls = spec_calls()
    for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        assert name in calls, name
    exe = keywords(calls["EXE"][0])
    # one-folder: the executables leave the binaries to COLLECT
    assert isinstance(exe["exclude_binaries"], ast.Constant)
    assert exe["exclude_binaries"].value is True
    assert isinstance(exe["upx"], ast.Constant) and exe["upx"].value is False
    # macOS: a console executable would make the .app background-only (no Dock icon)
    consoles = [ast.unparse(keywords(c).get("console", ast.Constant(None)))
                for c in calls["_exe"]]
    assert consoles == ["not IS_MAC", "False"]
    analysis = keywords(calls["Analysis"][0])
    for arg in ("datas", "hiddenimports", "excludes"):
        assert arg in analysis


def test_every_data_file_pattern_matches_and_lists_our_data() -> None:
    found: list[str] = []
    for pattern, dest in manifest.DATA_FILES:
        matches = glob.glob(str(ROOT / pattern))
        assert matches, pattern
        found += [f"{dest}/{Path(m).name}" for m in matches]
    for needed in ("extractors/data/patterns.yaml", "desktop_app/samples/sample_referral.pdf",
                   "desktop_app/samples/sample_fax.tif", "desktop_app/samples/example_case.json"):
        assert needed in found


def test_the_ocr_models_and_config_are_collected() -> None:
    from extractors.read.ocr.rapid import DET_MODEL, REC_MODEL, bundled_model_dir

    model_dir = bundled_model_dir()
    assert model_dir is not None
    package = model_dir.parent
    collected = {str(p.relative_to(package)).replace("\\", "/")
                 for pattern in manifest.PACKAGE_DATA["rapidocr"]
                 for p in package.glob(pattern)}
    assert {"config.yaml", f"models/{DET_MODEL}", f"models/{REC_MODEL}"} <= collected


def test_hidden_imports_exist() -> None:
    for name in manifest.HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name


def _imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_nothing_the_app_imports_is_excluded() -> None:
    excluded = set(manifest.EXCLUDED_MODULES)
    for package in manifest.OUR_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/testing/" in rel or "/make_" in rel:
                continue  # test helpers and build-time scripts are not bundled
            for name in _imports_of(path):
                hits = [e for e in excluded if name == e or name.startswith(e + ".")]
                assert not hits, f"{rel} imports {name}, which the bundle excludes ({hits})"


def test_the_app_uses_qtnetwork_for_local_sockets_only() -> None:
    """QtNetwork is in the bundle for the single-instance hand-over; nothing that could reach
    the network (TCP/UDP sockets, HTTP, TLS, DNS) may be used."""
    used: set[str] = set()
    for package in manifest.OUR_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imports_of(path):
                if name.startswith("PySide6.QtNetwork."):
                    used.add(name.rsplit(".", 1)[1])
                elif name == "PySide6.QtNetwork":
                    tree = ast.parse(path.read_text("utf-8"))
                    assert not any(isinstance(n, ast.Import) and
                                   any(a.name == name for a in n.names)
                                   for n in ast.walk(tree)), f"{path}: import the classes"
    assert used == manifest.QT_NETWORK_CLASSES_USED
    assert "tls" not in manifest.QT_PLUGINS_KEPT
    assert "networkinformation" not in manifest.QT_PLUGINS_KEPT


def test_every_exclusion_has_a_reason() -> None:
    assert all(reason.strip() for reason in manifest.EXCLUDED_MODULES.values())
    readme = (INSTALLER / "README.md").read_text("utf-8")
    for family in ("QtWebEngine", "QtQuick", "QtMultimedia", "Qt3D", "tkinter", "torch",
                   "translations", "Wayland", "opengl32sw"):
        assert family in readme, family


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "numpy/_core/_multiarray_umath.so",
    "PySide6/Qt/lib/libQt6Network.so.6",  # local sockets: one window per case store
    "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork",
    "PySide6/QtNetwork.abi3.so",
])
def test_needed_qt_files_are_kept(dest: str) -> None:
    assert manifest.keep_qt_file(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/plugins/imageformats/qpdf.dll",
    "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/translations/qt_fr.qm",
    "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
    "libQt6WaylandClient.so.6",  # PyInstaller's top-level symlink on Linux
    "PySide6/Qt6WaylandClient.dll",
    "PySide6/opengl32sw.dll",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
])
def test_unneeded_qt_files_are_dropped(dest: str) -> None:
    assert not manifest.keep_qt_file(dest)


def test_executable_paths_per_platform(tmp_path: Path) -> None:
    assert manifest.cli_executable(tmp_path, "linux") == tmp_path / "OxygenIntake/oxygen-intake"
    assert manifest.cli_executable(tmp_path, "win32") == (
        tmp_path / "OxygenIntake/oxygen-intake.exe")
    assert manifest.cli_executable(tmp_path, "darwin") == (
        tmp_path / "Oxygen Intake.app/Contents/MacOS/oxygen-intake")


def test_windows_version_file_is_what_pyinstaller_evaluates() -> None:
    # PyInstaller eval()s this text against its versioninfo classes, which import only on
    # Windows; evaluate it here against recording stand-ins with the same signatures.
    def record(kind: str) -> object:
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct")
    text = manifest.windows_version_text("0.1.0", manifest.GUI_EXE)
    info = eval(text, {name: record(name) for name in names})
    kind, _, parts = info
    assert kind == "VSVersionInfo"
    assert parts["ffi"][2]["filevers"] == (0, 1, 0, 0)
    table = parts["kids"][0][1][0][0]
    strings = dict(s[1] for s in table[1][1])
    assert strings["OriginalFilename"] == "OxygenIntake.exe"
    assert strings["ProductName"] == "Oxygen Intake"
    assert strings["FileVersion"] == "0.1.0"


def test_macos_info_plist_declares_pdf_and_tiff() -> None:
    with (INSTALLER / "macos" / "Info.plist").open("rb") as fh:
        info = plistlib.load(fh)
    types = {t for doc in info["CFBundleDocumentTypes"] for t in doc["LSItemContentTypes"]}
    assert types == {"com.adobe.pdf", "public.tiff"}
    assert {doc["LSHandlerRank"] for doc in info["CFBundleDocumentTypes"]} == {"Alternate"}
    # PyInstaller sets these from the spec; a second source would drift
    assert not {"CFBundleIdentifier", "CFBundleExecutable"} & info.keys()
    with (INSTALLER / "macos" / "entitlements.plist").open("rb") as fh:
        entitlements = plistlib.load(fh)
    assert "com.apple.security.app-sandbox" not in entitlements
    assert "com.apple.security.network.client" not in entitlements


def test_linux_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(INSTALLER / "linux" / "oxygen-intake.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == f"{manifest.CLI_EXE} %F"
    assert entry["Icon"] == "oxygen-intake"
    assert set(entry["MimeType"].rstrip(";").split(";")) == {"application/pdf", "image/tiff"}
    assert entry["Terminal"] == "false"


def test_inno_setup_script_is_per_user_with_open_with_and_optional_signing() -> None:
    iss = (INSTALLER / "windows" / "oxygen_intake.iss").read_text("utf-8")
    assert "PrivilegesRequired=lowest" in iss
    for ext in (".pdf", ".tif", ".tiff"):
        assert f"Software\\Classes\\{ext}\\OpenWithProgids" in iss
    assert "{autoprograms}" in iss
    # SignTool only under #ifdef SIGN: an unsigned build needs no signtool at all
    before, _, after = iss.partition("#ifdef SIGN\nSignTool=oxsign")
    assert after and "SignTool=" not in before
    assert f'#define AppExe "{manifest.GUI_EXE}.exe"' in iss
    assert f'#define CliExe "{manifest.CLI_EXE}.exe"' in iss


def test_release_workflow_builds_self_tests_and_uploads_on_three_systems() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    job = workflow["jobs"]["build"]
    assert set(job["strategy"]["matrix"]["os"]) == {
        "windows-latest", "macos-latest", "ubuntu-latest"}
    steps = job["steps"]
    runs = "\n".join(str(s.get("run", "")) for s in steps)
    uses = [str(s.get("uses", "")) for s in steps]
    assert "installer/build.py" in runs
    assert "--self-test" in runs
    assert any(u.startswith("actions/setup-python") for u in uses)
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    setup = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert str(setup["with"]["python-version"]) == "3.11"


def test_libraries_only_dropped_plugins_needed_are_removed() -> None:
    links = {
        "/qt/plugins/platformthemes/libqgtk3.so": {"libgtk-3.so.0", "libQt6Gui.so.6"},
        "/sys/libgtk-3.so.0": {"libcairo.so.2", "libglib-2.0.so.0"},
        "/sys/libcairo.so.2": {"libpixman-1.so.0"},
        "/sys/libpixman-1.so.0": set(),
        "/qt/lib/libQt6Gui.so.6": {"libQt6Core.so.6"},
        "/qt/lib/libQt6Core.so.6": {"libglib-2.0.so.0"},
        "/sys/libglib-2.0.so.0": set(),
        "/pdfium/libpdfium.so": set(),  # loaded with ctypes: nothing links it
        "/site/PySide6/QtGui.abi3.so": {"libQt6Gui.so.6"},  # the Python module
    }
    entry = {src: (f"dest/{Path(src).name}", src, "BINARY") for src in links}
    dropped = [entry["/qt/plugins/platformthemes/libqgtk3.so"]]
    kept = [e for src, e in entry.items() if e not in dropped]
    kept.append(("libQt6Gui.so.6", "dest/libQt6Gui.so.6", "SYMLINK"))
    kept.append(("libcairo.so.2", "dest/libcairo.so.2", "SYMLINK"))
    orphans = manifest.orphan_libraries(kept, dropped, lambda src: links[src])
    # glib stays: Qt Core links it too; pdfium stays: no dropped plugin links it
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2", "libpixman-1.so.0"}
    left = {dest for dest, _, _ in manifest.without_libraries(kept, orphans)}
    assert left == {"dest/libQt6Gui.so.6", "dest/libQt6Core.so.6", "dest/libglib-2.0.so.0",
                    "dest/libpdfium.so", "dest/QtGui.abi3.so", "libQt6Gui.so.6"}
