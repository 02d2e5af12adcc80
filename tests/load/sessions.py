"""A board meeting at once: concurrent headless-Chromium sessions on one server.

Each session (its own browser context, so its own cookies and Streamlit session)
opens its own scenario link, then changes the stock price and the termination
date in turn, over and over. After every change it waits for its own new figure
on screen and checks that

* the Option value shown is its own (vested shares on its own last day ×
  (its own price − $3.00), worked out below from §4, never by the engine),
* the address bar holds its own link (its price, its date), never another's,
* no exception box is on the page.

With ``password`` set the server has the gate on: ``gated`` of the sessions never
pass it and keep checking that they see nothing of any scenario while the
others work.

Bounded: a fixed number of sessions and changes, a timeout on every wait and an
overall deadline; the server and the browser are always stopped. Loopback only.

``python -m tests.load.sessions [--sessions 8] [--rounds 10] [--password]``
prints the figures as ``name: value`` lines (``make loadtest``); the pytest
module ``tests/load/test_load.py`` runs a short form.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import CHROMIUM_ARGS, CHROMIUM_PATH, CONTEXT_OPTIONS, start_streamlit_server

# §4 as READING.md reads it: 1,000,000 shares; 10% (100,000) vest on the hire date
# (13 Jul 2005); 25% of the remaining 900,000 (225,000) on the first anniversary,
# 13 Jul 2006; the remaining 675,000 in 12 quarterly installments of 56,250 on the
# 13th of Oct/Jan/Apr/Jul from 13 Oct 2006. Terminated without Good Cause, the
# unvested shares are forfeited on the last day (the default assumption).
# Last days, each in a different quarter, with the shares vested on it.
VESTED_ON: dict[str, int] = {
    "2006-08-01": 325_000,  # 100,000 + 225,000
    "2006-11-15": 381_250,  # + 1 installment (13 Oct 2006) — READING.md's worked example
    "2007-02-01": 437_500,  # + 2 (13 Jan 2007)
    "2007-05-01": 493_750,  # + 3
    "2007-08-01": 550_000,  # + 4
    "2007-11-01": 606_250,  # + 5
    "2008-02-01": 662_500,  # + 6
    "2008-05-01": 718_750,  # + 7
    "2008-08-01": 775_000,  # + 8
    "2008-11-01": 831_250,  # + 9
    "2009-02-01": 887_500,  # + 10
    "2009-05-01": 943_750,  # + 11
}
DATES = list(VESTED_ON)
EXERCISE = 3.00
PRICE_INPUT = '[data-testid="stSidebar"] input[aria-label="Exact stock price, $ a share"]'
DATE_INPUT = '[data-testid="stSidebar"] [data-testid="stDateInput"] input'
# The Option value card's figure, read in the page (labels may carry a help icon).
SHOWN_FIGURE_JS = """() => {
    for (const card of document.querySelectorAll('[data-testid="stMetric"]')) {
        const label = card.querySelector('[data-testid="stMetricLabel"]');
        const value = card.querySelector('[data-testid="stMetricValue"]');
        if (label && value && label.innerText.trim() === "Option value") return value.innerText.trim();
    }
    return null;
}"""
EXCEPTION = '[data-testid="stException"]'
SCENARIO_ELEMENTS = ('[data-testid="stMetric"], [data-testid="stVegaLiteChart"], [data-testid="stDataFrame"], '
                     '[data-testid="stNumberInput"], [data-testid="stDateInput"], [data-testid="stSidebar"] *')
WAIT_MS = 180_000  # generous: the figures are printed; a wait this long only catches a figure that never comes
STAGGER_S = 0.5  # the directors open the link within the same few seconds, not the same millisecond


def option_value(price: float, last_day: str) -> str:
    """Vested shares × (price − $3.00), as the metric shows it: whole dollars.
    Every price here is a whole number of 4 cents above a dollar amount and every
    vested count a multiple of 6,250, so the product is a whole number of dollars
    (6,250 × $0.04 = $250): no rounding is involved."""
    cents = round(price * 100) - round(EXERCISE * 100)
    dollars, remainder = divmod(VESTED_ON[last_day] * cents, 100)
    assert remainder == 0
    return f"${dollars:,}"


def price_of(session: int, change: int) -> float:
    """Session s moves between $(4+s).04 and $(4+s).96: no two sessions ever share a price."""
    return 4 + session + 0.04 * (1 + change % 24)


def dates_of(session: int) -> tuple[str, str]:
    return DATES[session % len(DATES)], DATES[(session + 5) % len(DATES)]


@dataclasses.dataclass
class Result:
    latencies: list[float] = dataclasses.field(default_factory=list)  # seconds, change → new figure on screen
    problems: list[str] = dataclasses.field(default_factory=list)
    changes: int = 0
    gated_checks: int = 0


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


async def _wait_figure(page, expected: str) -> None:
    await page.wait_for_function(f"(expected) => ({SHOWN_FIGURE_JS})() === expected",
                                 arg=expected, timeout=WAIT_MS, polling=25)


async def _check(page, who: str, session: int, price: float, day: str, result: Result) -> None:
    if await page.locator(EXCEPTION).count():
        result.problems.append(f"{who}: an exception is shown: {await page.locator(EXCEPTION).all_inner_texts()}")
    shown = await page.evaluate(SHOWN_FIGURE_JS)
    if shown != option_value(price, day):
        result.problems.append(f"{who}: shows {shown}, its own figure is {option_value(price, day)}")
    # The link is written back at the end of the run that drew the figure: wait for
    # it, and never accept a link that holds another session's price or date.
    own_prices = {f"{price_of(session, c):.2f}" for c in range(24)}
    try:
        await page.wait_for_function(
            "([p, d]) => { const q = new URLSearchParams(location.search);"
            " return Number(q.get('stock_price')) === p && q.get('termination_date') === d; }",
            arg=[price, day], timeout=WAIT_MS, polling=25)
    except Exception:  # noqa: BLE001 - reported below with what the address bar holds
        pass
    query = _query(page.url)
    if query.get("termination_date") != day or abs(float(query.get("stock_price", "nan")) - price) > 1e-9:
        kind = ("another's" if f"{float(query.get('stock_price', 'nan')):.2f}" not in own_prices
                or query.get("termination_date") not in dates_of(session) else "a stale")
        result.problems.append(f"{who}: the address bar holds {kind} link {page.url}")


async def _pass_gate(page, password: str) -> None:
    field = page.locator("input[type=password]")
    await field.wait_for(state="visible", timeout=WAIT_MS)
    await field.fill(password)
    await page.get_by_role("button", name="Open the explorer").click()


async def _working_session(browser, base: str, s: int, rounds: int, password: str | None, result: Result,
                           deadline: float) -> None:
    who = f"session {s}"
    await asyncio.sleep(STAGGER_S * s)
    context = await browser.new_context(**CONTEXT_OPTIONS)
    context.set_default_timeout(WAIT_MS)  # every action, not only the waits: a busy machine is slow, not wrong
    page = None
    try:
        page = await context.new_page()
        first, second = dates_of(s)
        price, day = price_of(s, 0), first
        await page.goto(f"{base}/?stock_price={price:.2f}&reason=without_good_cause&termination_date={day}",
                        wait_until="domcontentloaded", timeout=WAIT_MS)
        if password is not None:
            await _pass_gate(page, password)
        await _wait_figure(page, option_value(price, day))
        await page.locator(PRICE_INPUT).wait_for(timeout=WAIT_MS)
        await _check(page, who, s, price, day, result)
        for change in range(1, 2 * rounds + 1):
            if time.monotonic() > deadline:
                result.problems.append(f"{who}: stopped at the overall deadline after {change - 1} changes")
                return
            if change % 2:  # the stock price
                price = price_of(s, change)
                target = PRICE_INPUT
                text = f"{price:.2f}"
            else:  # the termination date
                day = second if day == first else first
                target = DATE_INPUT
                text = day
            if target == DATE_INPUT:
                box = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').filter(
                    has_text="Last day of employment").locator("input")
            else:
                box = page.locator(target)
            await box.fill(text)
            started = time.perf_counter()
            # A number input applies on Enter; the date picker applies its typed date when its calendar closes.
            await box.press("Enter" if target == PRICE_INPUT else "Escape")
            await _wait_figure(page, option_value(price, day))
            result.latencies.append(time.perf_counter() - started)
            result.changes += 1
            await _check(page, who, s, price, day, result)
    except Exception as exc:  # noqa: BLE001 - reported as a problem of this session
        try:
            shown = f" (shows {await page.evaluate(SHOWN_FIGURE_JS)} at {page.url})"
        except Exception:  # noqa: BLE001
            shown = ""
        result.problems.append(f"{who}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}{shown}")
    finally:
        await context.close()


async def _gated_session(browser, base: str, s: int, stop: asyncio.Event, result: Result, deadline: float) -> None:
    """Opens its own link, never passes the gate (one wrong password), and keeps
    checking that nothing of any scenario is on its page while the others work."""
    who = f"gated session {s}"
    context = await browser.new_context(**CONTEXT_OPTIONS)
    context.set_default_timeout(WAIT_MS)  # every action, not only the waits: a busy machine is slow, not wrong
    try:
        page = await context.new_page()
        price, day = price_of(s, 0), dates_of(s)[0]
        await page.goto(f"{base}/?stock_price={price:.2f}&reason=without_good_cause&termination_date={day}",
                        wait_until="domcontentloaded", timeout=WAIT_MS)
        await _pass_gate(page, "not the password")
        await page.locator('[data-testid="stAlertContentError"]').wait_for(timeout=WAIT_MS)
        while not stop.is_set() and time.monotonic() < deadline:
            text = await page.locator('[data-testid="stApp"]').inner_text()
            leaked = [t for t in ("$", "§", "vested", "Option value") if t in text]
            if leaked or await page.locator(SCENARIO_ELEMENTS).count() or await page.locator(EXCEPTION).count():
                result.problems.append(f"{who}: sees more than the gate ({leaked})")
            if _query(page.url).get("stock_price") != f"{price:.2f}":
                result.problems.append(f"{who}: the address bar holds {page.url}, not its own link")
            result.gated_checks += 1
            await asyncio.sleep(0.5)
    except Exception as exc:  # noqa: BLE001
        result.problems.append(f"{who}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    finally:
        await context.close()


def _rss_mb(pid: int) -> float:
    """Resident memory of the server process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def _warm_up(browser, base: str, password: str | None) -> None:
    """One session opened and closed, so "before" counts the app's imports, not the sessions."""
    context = await browser.new_context(**CONTEXT_OPTIONS)
    context.set_default_timeout(WAIT_MS)  # every action, not only the waits: a busy machine is slow, not wrong
    try:
        page = await context.new_page()
        await page.goto(f"{base}/?stock_price=5.04&reason=without_good_cause&termination_date=2006-11-15",
                        wait_until="domcontentloaded", timeout=WAIT_MS)
        if password is not None:
            await _pass_gate(page, password)
        await _wait_figure(page, option_value(5.04, "2006-11-15"))
    finally:
        await context.close()


async def _settle(pid: int, seconds: float) -> float:
    await asyncio.sleep(seconds)
    return _rss_mb(pid)


async def _run(base: str, pid: int, sessions: int, rounds: int, password: str | None, gated: int,
               time_limit: float) -> dict:
    from playwright.async_api import async_playwright

    deadline = time.monotonic() + time_limit
    result = Result()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        try:
            await _warm_up(browser, base, password)
            before = await _settle(pid, 3)
            stop = asyncio.Event()
            started = time.perf_counter()
            workers = [_working_session(browser, base, s, rounds, password, result, deadline)
                       for s in range(sessions - gated)]
            watchers = [asyncio.create_task(_gated_session(browser, base, s, stop, result, deadline))
                        for s in range(sessions - gated, sessions)]
            await asyncio.gather(*workers)
            stop.set()
            await asyncio.gather(*watchers)
            wall = time.perf_counter() - started
        finally:
            await browser.close()
    after = await _settle(pid, 8)  # disconnected sessions outlive their socket for the TTL (set to 2 s)
    lat = sorted(result.latencies)
    pick = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]) if lat else (lambda q: float("nan"))
    return {
        "sessions": sessions,
        "gated_sessions": gated,
        "changes": result.changes,
        "changes_expected": (sessions - gated) * 2 * rounds,
        "p50_change_to_figure_s": round(statistics.median(lat), 3) if lat else float("nan"),
        "p95_change_to_figure_s": round(pick(0.95), 3),
        "max_change_to_figure_s": round(lat[-1], 3) if lat else float("nan"),
        "gated_checks": result.gated_checks,
        "wall_s": round(wall, 1),
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(after, 1),
        "rss_growth_mb": round(after - before, 1),
        "problems": result.problems,
    }


def run_load(sessions: int = 8, rounds: int = 10, password: str | None = None, gated: int = 0,
             time_limit: float = 600.0, log_dir: str | None = None) -> dict:
    """Start a server on 127.0.0.1, run the sessions, stop everything; the figures as a dict."""
    env = {"APP_PASSWORD": password} if password is not None else {"APP_PASSWORD": None}
    extra = ["--server.disconnectedSessionTTL", "2"]
    with start_streamlit_server(env, extra_args=extra, log_dir=log_dir) as server:
        run = _run(server, server.process.pid, sessions, rounds, password, gated, time_limit)
        # A thread of its own: in a pytest session the browser tests' sync Playwright keeps an
        # event loop running on this thread, and asyncio.run refuses to start a second one here.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            figures = pool.submit(asyncio.run, run).result()
        log = server.read_log()
    if "Traceback" in log:
        figures["problems"].append("the server logged a traceback")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load.sessions", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=10, help="price + date changes per session")
    parser.add_argument("--time-limit", type=float, default=1800.0, help="seconds, for each run (open, gated)")
    args = parser.parse_args(argv)
    failed = False
    for name, password, gated in (("open", None, 0), ("gated", "board meeting 2005", 2)):
        figures = run_load(args.sessions, args.rounds, password, gated, args.time_limit)
        problems = figures.pop("problems")
        for key, value in figures.items():
            print(f"{name}.{key}: {value}", flush=True)
        print(f"{name}.problems: {len(problems)}")
        for problem in problems[:20]:
            print(f"  {problem}")
        ok = (not problems and figures["changes"] == figures["changes_expected"]
              and figures["rss_growth_mb"] < 100)
        failed |= not ok
        print(f"{name}.result: {'pass' if ok else 'FAIL'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
