"""Fixtures of the store tests: the backends of the Store contract, and `now` in whole seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.caches import BACKENDS, backend_factory
from tui.store import Store


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    return BACKENDS[request.param]


@pytest.fixture
def open_cache(backend: str, data_dir: Path) -> Callable[[], Store]:
    """Opens one cache; each call is a new handle on the same data, as another desk or command would open it."""
    factory = backend_factory(backend)
    return lambda: factory(data_dir)


@pytest.fixture
def now() -> float:
    return float(int(time.time()))
