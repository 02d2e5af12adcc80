"""``python -m bench.memo``: how long the board memo takes for the default scenario.

memo_ms         median of 5 memos made one after another in this process (the
                Explorer's button after the first click; target < 2,000 ms)
memo_first_ms   the first memo in a fresh process, which also starts vl_convert's
                JavaScript engine and reads the fonts (the first click after a restart)
memo_pages      its page count (at most 4)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time


def _one(scenario, made_at) -> tuple[float, bytes]:
    from memo import memo_pdf

    start = time.perf_counter()
    pdf = memo_pdf(scenario, made_at=made_at)
    return (time.perf_counter() - start) * 1000, pdf


def main() -> None:
    from engine.scenario import Scenario

    scenario = Scenario()
    made_at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    first, pdf = _one(scenario, made_at)
    times = [_one(scenario, made_at)[0] for _ in range(5)]
    from io import BytesIO

    from pypdf import PdfReader

    print(f"memo_ms: {statistics.median(times):.0f}")
    print(f"memo_first_ms: {first:.0f}")
    print(f"memo_pages: {len(PdfReader(BytesIO(pdf)).pages)}")


if __name__ == "__main__":
    main()
