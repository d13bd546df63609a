"""XML entity tricks: billion laughs, quadratic blow-up, and XXE in its forms."""

from __future__ import annotations

import pytest

from tests.helpers.hostile_cli import RSS_LIMIT_MB, all_files, assert_secret_nowhere


@pytest.mark.parametrize("name", ["billion-laughs", "quadratic"])
def test_entity_expansion_does_not_blow_up(name, single):
    run, data = single(name)
    assert run.seconds < 10, run.describe()
    assert run.max_rss_mb < RSS_LIMIT_MB, run.describe()
    total = sum(p.stat().st_size for p in all_files(data))
    assert total < 5 * 1024 * 1024, f"{total} bytes stored from a 20 KB document"


@pytest.mark.parametrize("name", ["xxe-file", "xxe-parameter", "xxe-external-dtd", "xxe-atom"])
def test_xxe_never_reads_the_local_file_nor_fetches_the_dtd(name, single, server):
    run, data = single(name)
    assert_secret_nowhere(data, run)
    assert not server.requests_for("/evil.dtd"), "an external DTD was fetched"
