"""Regenerate docs/screenshot.svg, the README's picture: `make screenshot`.

The bundled demo wire at a fixed moment, so the picture only changes when the desk does."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tui.fetch.demo import seed
from tui.store import open_store
from tui.ui.app import WireDesk

AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC).timestamp()
OUT = Path(__file__).with_name("screenshot.svg")


async def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    with tempfile.TemporaryDirectory() as data:
        store = open_store(data)
        seed(store, AT)
        app = WireDesk(store, [], poll=False, clock=lambda: AT, mark_read_delay=3600)
        async with app.run_test(size=(140, 36)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("m", "j", "j")
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            OUT.write_text(app.export_screenshot(title="wiredesk"), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
