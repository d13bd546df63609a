"""The desk on a slow disk for its marks: `python -m tests.helpers.slow_marks FLAG ARGS` runs `wiredesk ARGS`, and
every save of state.json that holds a read mark creates FLAG, then waits SLOW seconds before its rename makes it
last, so a test can act while the save is in flight."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

SLOW = 1.5  # seconds each save of the marks takes


def main() -> int:
    flag = Path(sys.argv.pop(1))

    def hook(event: str, args: tuple) -> None:
        marks = event == "os.rename" and str(args[1]).endswith("state.json")
        if marks and json.loads(Path(args[0]).read_bytes()).get("read"):
            flag.touch()
            time.sleep(SLOW)

    sys.addaudithook(hook)
    from tui.cli import main as wiredesk

    sys.argv[0] = "wiredesk"
    return wiredesk()


if __name__ == "__main__":
    sys.exit(main())
