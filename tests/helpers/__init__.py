"""Test helpers, imported as `tests.helpers.<module>` from every test: one import root, one module object each."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository checkout
