"""The hostile world: the corpus of tests/helpers/hostile_*.py through the real `wiredesk fetch` and the real desk.

Every feed is served from 127.0.0.1 and fetched by `python -m tui fetch` in a child
process with a hard time limit, so a hang is a failure, not a stuck run. After each
fetch the cache files are read back: no control character in any stored string, no
secret from an XXE file anywhere. The desk is driven with Pilot; where a body or a
title could freeze its event loop, the Pilot session runs in a child process that is
killed (and the test failed) when it takes longer than the bound.

The server, the corpus fetched once and the trickling fetch are shared by every module
here, so they live for the session: each is made on first use.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers.hostile import CASES, Case, HostileServer, serve_corpus
from tests.helpers.hostile_cli import FETCH_TIMEOUT, Background, Run, fetch, isolated_env
from tests.helpers.hostile_feeds import SECRET_MARKER


@pytest.fixture(scope="session")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile-home")


@pytest.fixture(scope="session")
def env(home) -> dict[str, str]:
    return isolated_env(home)


@pytest.fixture(scope="session")
def secret(home) -> Path:
    path = home / "secret.txt"
    path.write_text(f"top secret: {SECRET_MARKER}\n")
    return path


@pytest.fixture(scope="session")
def fetched_at() -> float:
    return time.time()


@pytest.fixture(scope="session")
def server(secret, fetched_at):
    srv = HostileServer().start()
    serve_corpus(srv, secret, fetched_at)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session", autouse=True)
def trickle_fetch(server, env, home):
    """A fetch of a feed that trickles forever takes its whole deadline (2 x the 15 s read timeout),
    so it is started first and checked by the last test (in test_transport.py, the last module), while the others
    run."""
    child = Background(["fetch", "--feed", server.url("/trickle.xml"), "--data-dir", str(home / "trickle-data")],
                       env)
    try:
        yield child
    finally:
        child.close()


@pytest.fixture(scope="session")
def single(server, env, home):
    """Each case fetched alone into its own data dir, once: name -> (Run, data_dir).
    All are started together on first use (three at a time), so the corpus costs a few seconds."""
    def one(case: Case) -> tuple[Run, Path]:
        data = home / f"single-{case.name}"
        return fetch([server.url(case.path)], data, env, timeout=FETCH_TIMEOUT), data

    with ThreadPoolExecutor(3) as pool:
        futures = {case.name: pool.submit(one, case) for case in CASES}
    return lambda name: futures[name].result()
