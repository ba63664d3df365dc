"""The FHIR export in the bundle: the models it loads by name are bundled, and nothing of
`fhir.resources` is imported when the command line or the window starts (it is loaded on the
first export only, so start-up time does not grow)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "desktop" / "fixtures" / "fhir_bundle_sample.json"

sys.path.insert(0, str(ROOT / "installer"))
import bundle_manifest as manifest  # type: ignore[import-not-found]  # noqa: E402


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen",
                                                       "PATH": "/usr/bin:/bin"})
    return result.stdout


def test_hidden_packages_exist_and_the_excluded_release_is_not_ours() -> None:
    for name in manifest.HIDDEN_PACKAGES:
        assert importlib.util.find_spec(name) is not None, name
    assert {"fhir.resources.STU3", "fhir.resources.fhirtypes"} <= set(manifest.EXCLUDED_MODULES)
    assert not any(p.startswith("fhir.resources.STU3") for p in manifest.HIDDEN_PACKAGES)


def test_validating_an_export_loads_only_bundled_fhir_modules() -> None:
    """Every `fhir.resources` module that parsing an exported bundle pulls in by name lies in
    a package the spec collects whole (the package roots come with the static import)."""
    loaded = json.loads(_run(
        "import json, sys\n"
        "from desktop_app.export_fhir import validate\n"
        f"validate(json.loads(open({str(GOLDEN)!r}, encoding='utf-8').read()))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('fhir.'))))\n"))
    assert "fhir.resources.R4B.observation" in loaded
    outside = [m for m in loaded if m not in ("fhir.resources",)
               and not any(m == p or m.startswith(p + ".") for p in manifest.HIDDEN_PACKAGES)]
    assert outside == []


def test_fhir_is_not_imported_at_start_up() -> None:
    out = _run(
        "import sys\n"
        "from desktop_app import cli\n"
        "cli.build_parser()\n"
        "import desktop_app.main_window, desktop_app.window_exchange\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fhir', 'fhir_core'))))\n")
    assert out.strip() == "[]"
