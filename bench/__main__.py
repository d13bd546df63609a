"""Run the benchmarks and print one Markdown table per benchmark (also saved to bench/data/last-run.md)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback

from bench.common import DATA, Result, machine, table

# generate first, so no later timing includes building the data.
NAMES = (
    "generate", "ingest", "parse_cores", "startup_list", "mark_read", "tui_startup", "cursor", "memory", "idle_cpu",
    "naive", "newsboat", "idle_vs_bare", "urgency", "fulltext", "stories",
)
OPT_IN = ("soak",)  # too long for every run: only when named


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"any of: {', '.join(NAMES)}; only when named: {', '.join(OPT_IN)}"
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure; the median is reported")
    parser.add_argument(
        "--idle-seconds", type=float, default=60.0, help="how long idle_cpu watches the desk; idle_vs_bare, each repeat"
    )
    parser.add_argument("--soak-minutes", type=float, default=30.0, help="how long the soak polls")
    parser.add_argument("--soak-trace", action="store_true",
                        help="the soak also traces allocations from the warm-up on (slows the desk several times)")
    args = parser.parse_args()
    for name in args.names:
        if name not in NAMES + OPT_IN:
            parser.error(f"no benchmark {name!r} (choose from {', '.join(NAMES + OPT_IN)})")

    out = [f"Machine: {machine()}", ""]
    print(out[0], flush=True)
    failed = broken = 0
    started = time.perf_counter()
    for name in args.names or NAMES:
        began = time.perf_counter()
        try:
            results: list[Result] = importlib.import_module(f"bench.{name}").run(args)
            body = table(results)
            failed += sum(r.ok is False for r in results)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
            broken += 1
            body = "```\n" + traceback.format_exc() + "```"
        section = f"### {name}\n\n`python -m bench {name}` ({time.perf_counter() - began:.0f} s)\n\n{body}\n"
        print(section, flush=True)
        out.append(section)
    summary = (
        f"{failed} target(s) failed, {broken} benchmark(s) broken, {time.perf_counter() - started:.0f} s in all; "
        f"load average at the end {os.getloadavg()[0]:.2f} (2 cores: above ~0.5 something else was running)"
    )
    print(summary)
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "last-run.md").write_text("\n".join([*out, summary, ""]), encoding="utf-8")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
