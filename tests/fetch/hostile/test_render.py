"""Hostile bodies and titles in the article pane, rendered in a child process so that a frozen loop is a failure."""

from __future__ import annotations

import threading

import pytest

from tests.helpers.hostile_cli import FETCH_TIMEOUT, fetch
from tests.helpers.hostile_render import Rendered, render_in_child
from tests.helpers.hostile_text import ACTIVE_PAYLOADS, TRUNCATION_NOTE, body_items, deep_bodies, many_blocks_bodies
from tests.helpers.ids import ids_of

RENDER_BOUND = 10.0  # seconds the desk may take to show one hostile article


@pytest.fixture(scope="module")
def rendered(server, env, home):
    """The three render sessions, run at once: the bodies, the deep list, the huge title."""
    jobs = {
        "bodies": ("/bodies.xml", [f"urn:body:{k}" for k in body_items()]),
        "deep-list": ("/deep-list.xml", ["urn:body:deep-list"]),
        "huge-title": ("/huge-title.xml", ["urn:title:normal", "urn:title:huge", "urn:title:after"]),
    }
    results: dict[str, Rendered | BaseException] = {}

    def work(name: str, path: str, guids: list[str]) -> None:
        try:
            data = home / f"render-{name}"
            run = fetch([server.url(path)], data, env, timeout=FETCH_TIMEOUT)
            assert run.returncode == 0, run.describe()
            ids = ids_of(server.url(path), *guids)
            result = render_in_child(data, ids, env, per_item=RENDER_BOUND + 0.5)
            # The tests below name items by GUID; the desk knows them by their ids, scoped to the feed.
            guid_of = dict(zip(ids, guids, strict=True))
            result.records = {guid_of[i]: record for i, record in result.records.items()}
            result.hung_on = guid_of.get(result.hung_on, result.hung_on)
            results[name] = result
        except BaseException as exc:  # reported by the test that needs it
            results[name] = exc

    threads = [threading.Thread(target=work, args=(name, *job)) for name, job in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _session(rendered, name: str) -> Rendered:
    result = rendered[name]
    if isinstance(result, BaseException):
        raise result
    assert result.opened, f"the desk did not open: {result.stderr[-2000:]}"
    return result


def _shown(session: Rendered, item_id: str) -> dict:
    assert session.hung_on != item_id, f"the desk froze on {item_id} for more than {RENDER_BOUND + 0.5:g} s"
    record = session.records.get(item_id)
    assert record is not None, f"{item_id} never shown (hung on {session.hung_on}); {session.stderr[-2000:]}"
    assert record["event"] == "shown", f"{item_id}: body not rendered within {RENDER_BOUND:g} s"
    assert record["seconds"] < RENDER_BOUND and record["key_seconds"] < RENDER_BOUND, record
    return record


DEEP_NAMES = [f"deep-{k}" for k in deep_bodies()]


MANY_NAMES = [f"many-{k}" for k in many_blocks_bodies()]


@pytest.mark.parametrize("name", [*DEEP_NAMES, *MANY_NAMES, "huge-paragraph", "active"])
def test_hostile_bodies_render_in_bounded_time(name, rendered):
    _shown(_session(rendered, "bodies"), f"urn:body:{name}")


@pytest.mark.parametrize("name", MANY_NAMES)
def test_thousands_of_blocks_are_cut_with_the_note(name, rendered):
    record = _shown(_session(rendered, "bodies"), f"urn:body:{name}")
    assert TRUNCATION_NOTE in record["source_tail"]


def test_huge_paragraph_shows_the_truncation_note(rendered):
    record = _shown(_session(rendered, "bodies"), "urn:body:huge-paragraph")
    assert TRUNCATION_NOTE in record["source_tail"]
    assert TRUNCATION_NOTE in record["body_tail"], record["body_tail"][-500:]
    assert record["source_chars"] < 500_000


def test_active_content_is_never_shown(rendered):
    record = _shown(_session(rendered, "bodies"), "urn:body:active")
    assert "The visible lead" in record["body_text"] and "The visible end" in record["body_text"]
    for payload in ACTIVE_PAYLOADS:
        assert payload not in record["body_text"], payload


def test_the_desk_kept_running_through_the_bodies(rendered):
    session = _session(rendered, "bodies")
    assert session.done, f"the desk stopped: {session.stderr[-2000:]}"
    assert "Traceback" not in session.stderr


def test_deep_list_nesting_renders_in_bounded_time(rendered):
    _shown(_session(rendered, "deep-list"), "urn:body:deep-list")


def test_huge_title_does_not_freeze_the_desk(rendered):
    session = _session(rendered, "huge-title")
    for item_id in ("urn:title:normal", "urn:title:huge", "urn:title:after"):
        _shown(session, item_id)


def test_escape_references_in_a_body_never_reach_the_screen(rendered):
    record = _shown(_session(rendered, "bodies"), "urn:body:escape-refs")
    assert record["controls"] == [], record["body_text"]
