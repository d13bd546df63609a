"""Urgency on the command line: `status` counts fresh unread urgent items, `list --json` names each level."""

from __future__ import annotations

from tests.helpers.cli import NOW, config_file, records, run
from tests.helpers.feeds import Entry, rss


def _wire(feed_server, data_dir) -> str:
    """A fetched wire: a fresh flash, a fresh urgent item, an urgent one from two hours ago, a quiet one."""
    entries = [
        Entry("FLASH - Dam breaks above Zaporizhzhia", guid="urn:u:flash", date=NOW - 120,
              body="<p>ZAPORIZHZHIA (ANP) - The dam gave way.</p>"),
        Entry("Staking voorbij", guid="urn:u:spoed", date=NOW - 300,
              body="<p>DEN HAAG (ANP) - SPOED: De staking is voorbij.</p>"),
        Entry("BREAKING: Old news", guid="urn:u:old", date=NOW - 7200, body="<p>Two hours ago.</p>"),
        Entry("Flash floods close roads in Valencia", guid="urn:u:quiet", date=NOW - 60, body="<p>Rain.</p>"),
    ]
    url = feed_server.url("/wire.xml")
    feed_server.set("/wire.xml", rss(entries))
    assert run("fetch", "--feed", url, data_dir=data_dir).returncode == 0
    return url


def test_list_json_names_each_items_urgency_and_keeps_its_title(feed_server, data_dir):
    _wire(feed_server, data_dir)
    got = {r["title"]: r["urgency"] for r in records(run("list", "--json", data_dir=data_dir))}
    assert got == {
        "FLASH - Dam breaks above Zaporizhzhia": "flash",
        "Staking voorbij": "urgent",
        "BREAKING: Old news": "urgent",
        "Flash floods close roads in Valencia": None,
    }


def test_status_counts_unread_urgent_items_while_they_are_fresh(feed_server, data_dir, tmp_path):
    _wire(feed_server, data_dir)
    assert run("status", data_dir=data_dir).stdout == "wire 4 unread · 2 urgent\n"
    flash = next(r["id"] for r in records(run("list", "--json", data_dir=data_dir)) if r["urgency"] == "flash")
    run("read", flash, data_dir=data_dir)
    assert run("status", data_dir=data_dir).stdout == "wire 3 unread · 1 urgent\n"
    longer = config_file(tmp_path, "urgent_minutes = 180\n")
    assert run("--config", longer, "status", data_dir=data_dir).stdout == "wire 3 unread · 2 urgent\n"
    shorter = config_file(tmp_path, "urgent_minutes = 3\n")
    assert run("--config", shorter, "status", data_dir=data_dir).stdout == "wire 3 unread\n"
