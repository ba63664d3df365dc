"""What goes into the frozen Oxygen Intake bundle, and what is left out on purpose.

Plain data plus two filter functions, importable without PyInstaller: `oxygen_intake.spec`
reads it when building, `installer/build.py` for names and paths, and
`tests/installer/test_installer_spec.py` checks it (every data file exists, nothing the app
imports is excluded). `installer/README.md` explains each exclusion.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Oxygen Intake"
"""The name people see (Start menu, Finder, application menus)."""
BUNDLE_DIR = "OxygenIntake"
"""The one-folder build's directory under ``dist/`` (no spaces: scripts and IT tools)."""
GUI_EXE = "OxygenIntake"
"""The windowed executable (Windows only: no console window opens with it)."""
CLI_EXE = "oxygen-intake"
"""The console executable: the command line and ``--self-test`` (the only one on Linux/macOS)."""
BUNDLE_ID = "org.oxygenintake.OxygenIntake"
"""macOS bundle identifier; also used for the Linux desktop entry's name."""

OUR_PACKAGES = ("desktop_app", "extractors", "rules")

DATA_FILES: list[tuple[str, str]] = [
    ("extractors/data/*.yaml", "extractors/data"),
    ("extractors/data/*.txt.gz", "extractors/data"),
    ("extractors/doctypes/definitions/*.yaml", "extractors/doctypes/definitions"),
    ("desktop_app/samples/*.pdf", "desktop_app/samples"),
    ("desktop_app/samples/*.tif", "desktop_app/samples"),
    ("desktop_app/samples/*.json", "desktop_app/samples"),
]
"""(glob relative to the repository, folder in the bundle): our own data files."""

PACKAGE_DATA: dict[str, list[str]] = {
    "rapidocr": ["config.yaml", "default_models.yaml", "models/*.onnx"],
}
"""Third-party data collected by hand (package → globs inside it). rapidocr's hook-less
package needs its config and the ONNX models shipped in its wheel: the app runs offline and
never lets rapidocr download a model."""

HIDDEN_IMPORTS = [
    "desktop_app.samples",
    "extractors.data",
    "extractors.doctypes",
    "rapidocr.inference_engine.onnxruntime",
    "rapidocr.inference_engine.onnxruntime.main",
    "rapidocr.inference_engine.onnxruntime.provider_config",
]
"""Imported by name at run time (importlib.resources anchors, rapidocr's engine switch)."""

HIDDEN_PACKAGES = ["fhir.resources.R4B"]
"""Packages bundled whole because they import their modules by name at run time. The FHIR
R4 export validates with `fhir.resources.R4B`, whose models resolve every element type
lazily from a dotted name (``create_fhir_type``), which PyInstaller cannot see. The whole
R4B sub-package is bundled (not only the two dozen modules an export loads today) so that no
element type can be missing in the frozen app; the R5 top level and STU3 are not."""

EXCLUDED_MODULES: dict[str, str] = {
    # Qt modules the app does not use (each pulls in large Qt libraries and plugins).
    "PySide6.QtQml": "no QML/Quick UI (widgets only)",
    "PySide6.QtQuick": "no QML/Quick UI",
    "PySide6.QtQuickControls2": "no QML/Quick UI",
    "PySide6.QtQuickWidgets": "no QML/Quick UI",
    "PySide6.QtQuickTest": "no QML/Quick UI",
    "PySide6.QtWebEngineCore": "no web views (and about 200 MB)",
    "PySide6.QtWebEngineWidgets": "no web views",
    "PySide6.QtWebChannel": "no web views",
    "PySide6.QtWebSockets": "no network access",
    "PySide6.Qt3DCore": "no 3D",
    "PySide6.Qt3DRender": "no 3D",
    "PySide6.QtMultimedia": "no audio/video",
    "PySide6.QtMultimediaWidgets": "no audio/video",
    "PySide6.QtCharts": "no charts",
    "PySide6.QtDataVisualization": "no charts",
    "PySide6.QtDesigner": "developer tool",
    "PySide6.QtHelp": "developer tool",
    "PySide6.QtUiTools": ".ui files are not used",
    "PySide6.QtSql": "the case store uses Python's sqlite3",
    "PySide6.QtTest": "tests only",
    "PySide6.QtXml": "not used",
    "PySide6.QtOpenGL": "no OpenGL drawing (the software raster engine is enough)",
    "PySide6.QtOpenGLWidgets": "no OpenGL drawing",
    "PySide6.QtConcurrent": "threads come from QThreadPool",
    "PySide6.QtSvg": "no SVG drawing (icons are PNG/ICO)",
    "PySide6.QtSvgWidgets": "no SVG drawing",
    # Other GUI toolkits and heavy optional imports of our dependencies.
    "tkinter": "not our GUI toolkit",
    "_tkinter": "not our GUI toolkit",
    "matplotlib": "optional import of some dependencies; never used",
    "IPython": "optional import of some dependencies; never used",
    "pandas": "optional import of some dependencies; never used",
    "scipy": "optional import of some dependencies; never used",
    # rapidocr's other inference back ends: only onnxruntime is used.
    "torch": "rapidocr PyTorch back end; we use onnxruntime",
    "paddle": "rapidocr Paddle back end; we use onnxruntime",
    "paddleclas": "rapidocr Paddle back end",
    "openvino": "rapidocr OpenVINO back end",
    "tensorrt": "rapidocr TensorRT back end",
    "MNN": "rapidocr MNN back end",
    "rapidocr.inference_engine.pytorch": "rapidocr PyTorch back end",
    "rapidocr.inference_engine.paddle": "rapidocr Paddle back end",
    "rapidocr.inference_engine.openvino": "rapidocr OpenVINO back end",
    "rapidocr.inference_engine.tensorrt": "rapidocr TensorRT back end",
    "rapidocr.inference_engine.mnn": "rapidocr MNN back end",
    # onnxruntime's model-building tools (inference needs only onnxruntime.capi).
    "onnxruntime.transformers": "model conversion tools",
    "onnxruntime.quantization": "model conversion tools",
    "onnxruntime.tools": "model conversion tools",
    "onnxruntime.training": "training",
    "onnx": "model building; not needed to run a model",
    # Test and developer packages that may be installed in the build environment.
    "pytest": "tests only",
    "_pytest": "tests only",
    "pytestqt": "tests only",
    "hypothesis": "tests only",
    "mypy": "developer tool",
    "ruff": "developer tool",
    "pip": "installs nothing at run time",
    "extractors.testing": "synthetic-document generator for tests",
    # FHIR releases other than the R4 line the export uses.
    "fhir.resources.STU3": "FHIR STU3 models; the export is R4 (fhir.resources.R4B)",
    "fhir.resources.fhirtypes": "the R5 type table: it names every R5 model, which would "
                                "add 213 modules (1.4 MB) the R4 export never uses",
}
"""Module → why it is left out. The spec passes the keys to PyInstaller's ``excludes``."""

QT_PLUGINS_KEPT: dict[str, set[str] | None] = {
    "platforms": {"offscreen", "xcb", "windows", "cocoa"},
    "imageformats": {"tiff", "jpeg", "ico"},
    "printsupport": None,
    "platformthemes": {"xdgdesktopportal"},
    "platforminputcontexts": None,
    "styles": None,
    "xcbglintegrations": None,
    "iconengines": None,
    "accessiblebridge": None,
}
"""Qt plugin folder → plugin names kept (``None``: every plugin in it). Folders not listed
(Wayland, EGL device integrations, TLS, network information, SQL drivers, ...) are dropped.
On Linux the GTK 3 theme plugin is dropped: it would drag the build machine's GTK, cairo
and pango into the bundle, and a bundled GTK next to the desktop's own GTK themes is a
classic source of crashes; the XDG portal plugin still gives native file dialogs.
Plugin names are matched without the ``lib``/``q`` prefix and the suffix (``libqtiff.so``,
``qtiff.dll``, ``libqtiff.dylib`` → ``tiff``; ``libqxcb.so`` → ``xcb``)."""

QT_LIBS_DROPPED = ("EglFSDeviceIntegration", "EglFsKmsSupport", "WaylandClient",
                   "WlShellIntegration")
"""Qt libraries needed only by plugins dropped above (EGLFS, Wayland)."""

QT_NETWORK_CLASSES_USED = frozenset({"QLocalServer", "QLocalSocket"})
"""QtNetwork is bundled for these two only: a second launch hands its files to the open
window over a local socket (a Unix domain socket or a Windows named pipe, never the network).
The TLS and network-information plugins stay out (their folders are not in `QT_PLUGINS_KEPT`),
and `tests/installer/test_installer_spec.py` fails if the app uses any other QtNetwork class."""


def plugin_name(filename: str) -> str:
    """``libqtiff.so`` / ``qtiff.dll`` / ``libqcocoa.dylib`` → ``tiff`` / ``tiff`` / ``cocoa``."""
    stem = filename.split(".", 1)[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return stem[1:] if stem.startswith("q") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) stays in the bundle.

    Drops PySide6's Qt plugins outside `QT_PLUGINS_KEPT` and Qt's translations (the app is
    English only; a translated file dialog around English screens confuses more than it
    helps). Anything else is kept. PySide6 keeps plugins in ``PySide6/Qt/plugins`` on Linux
    and macOS and in ``PySide6/plugins`` on Windows; both are handled.
    """
    parts = PurePath(dest.replace("\\", "/")).parts
    if parts and parts[-1].lower() == "opengl32sw.dll":
        return False  # Mesa software OpenGL (20 MB): the widgets UI never uses OpenGL
    if _dropped_qt_lib(parts):
        return False  # also PyInstaller's top-level symlinks to them (Linux)
    if "PySide6" not in parts:
        return True
    if "translations" in parts:
        return False
    if "plugins" not in parts:
        return True
    rest = parts[parts.index("plugins") + 1:]
    if not rest:
        return True
    if rest[0] not in QT_PLUGINS_KEPT:
        return False
    names = QT_PLUGINS_KEPT[rest[0]]
    if names is None or len(rest) < 2:
        return True
    return plugin_name(rest[-1]) in names


def _dropped_qt_lib(parts: tuple[str, ...]) -> bool:
    """``libQt6Network.so.6`` (Linux), ``Qt6Network.dll`` (Windows), ``QtNetwork.framework``."""
    for name in QT_LIBS_DROPPED:
        if any(part.startswith((f"libQt6{name}.so", f"Qt6{name}.dll"))
               or part == f"Qt{name}.framework" for part in parts):
            return True
    return False


Entry = tuple[str, str, str]
"""A PyInstaller TOC entry: (path in the bundle, source path, type code)."""


def orphan_libraries(kept: list[Entry], dropped: list[Entry],
                     deps_of: Callable[[str], set[str]]) -> set[str]:
    """File names of the libraries that only dropped entries need.

    PyInstaller resolves a plugin's library dependencies during Analysis, so dropping the
    plugin afterwards leaves them behind (on Linux the GTK theme plugin leaves cairo, pango,
    atk, gdk-pixbuf, gio, …: about 8 MB never loaded). A library is an orphan only when a
    dropped entry needs it (directly or not) and no kept entry does. ``deps_of(source)``
    gives the file names a binary links against (the spec passes PyInstaller's own
    ``bindepend.get_imports``). A library loaded with ``dlopen``/ctypes is never a candidate
    unless a dropped plugin links it.
    """
    by_name = {PurePath(dest).name: src for dest, src, kind in kept if kind != "SYMLINK"}
    candidates: set[str] = set()
    stack = [src for _, src, kind in dropped if kind != "SYMLINK"]
    while stack:
        for name in deps_of(stack.pop()):
            if name in by_name and name not in candidates:
                candidates.add(name)
                stack.append(by_name[name])
    needed: set[str] = set()
    stack = [src for dest, src, kind in kept
             if kind != "SYMLINK" and PurePath(dest).name not in candidates]
    while stack:
        for name in deps_of(stack.pop()):
            if name in candidates and name not in needed:
                needed.add(name)
                stack.append(by_name[name])
    return candidates - needed


def without_libraries(entries: list[Entry], names: set[str]) -> list[Entry]:
    """``entries`` minus the libraries called ``names`` and any SYMLINK entry to one."""
    return [(dest, src, kind) for dest, src, kind in entries
            if PurePath(dest).name not in names
            and not (kind == "SYMLINK" and PurePath(src).name in names)]


def windows_version_text(version: str, exe_name: str) -> str:
    """A PyInstaller version file: the version resource of a Windows executable
    (Explorer ▸ Properties ▸ Details). Unsigned executables without one look even more
    suspicious to antivirus heuristics. ``version`` is ``x.y.z`` (digits only).

    PyInstaller reads the file with ``eval`` against its ``versioninfo`` classes; the spec
    writes it to ``build/`` and passes the path (the classes only import on Windows).
    """
    numbers = tuple(int(part) for part in [*version.split("."), "0", "0", "0"][:4])
    strings = {
        "CompanyName": "Oxygen Intake contributors",
        "FileDescription": APP_NAME,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": "Oxygen Intake contributors, MIT licence",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    structs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
          {structs}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""


def cli_executable(dist: Path, platform: str = sys.platform) -> Path:
    """Path of the console executable inside the built bundle."""
    if platform == "darwin":
        return dist / f"{APP_NAME}.app" / "Contents" / "MacOS" / CLI_EXE
    suffix = ".exe" if platform == "win32" else ""
    return dist / BUNDLE_DIR / f"{CLI_EXE}{suffix}"


def bundle_root(dist: Path, platform: str = sys.platform) -> Path:
    """The folder (or ``.app``) that is shipped."""
    if platform == "darwin":
        return dist / f"{APP_NAME}.app"
    return dist / BUNDLE_DIR
