"""``python -m bench.memo``: how long the board memo takes for the default scenario.

memo_ms         median wall-clock time of 5 memos made one after another in this
                process (the button after the first click; target < 2,000 ms)
memo_cpu_ms     the same memos' median CPU time (every thread of the process,
                vl_convert's included): what wall time is on an idle machine,
                at most, and steady on a busy one
memo_first_ms   the first memo in a fresh process, which also starts vl_convert's
                JavaScript engine and reads the fonts (the first click after a restart)
memo_pages      its page count (at most 4)
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time


def _one(scenario, made_at) -> tuple[float, float, bytes]:
    from memo import memo_pdf

    wall, cpu = time.perf_counter(), time.process_time()
    pdf = memo_pdf(scenario, made_at=made_at)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, pdf


def main() -> None:
    from pypdf import PdfReader

    from engine.scenario import Scenario

    scenario = Scenario()
    made_at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    first, _, pdf = _one(scenario, made_at)
    runs = [_one(scenario, made_at) for _ in range(5)]
    print(f"memo_ms: {statistics.median(r[0] for r in runs):.0f}")
    print(f"memo_cpu_ms: {statistics.median(r[1] for r in runs):.0f}")
    print(f"memo_first_ms: {first:.0f}")
    print(f"memo_pages: {len(PdfReader(io.BytesIO(pdf)).pages)}")


if __name__ == "__main__":
    main()
