"""The §280G panel (contract/280G.md): B, the 3B line, P and the headroom, the excise and
the lost deduction when over, and the best-net comparison. Every figure cites its G-rule
and the letter's clause. Reads ``outcome.golden_parachute``; computes no figure itself.

Public API
----------
``verdict_sentence(gp) -> str``   P against 3B in one sentence
``best_net_sentence(gp) -> str``  pay in full versus cut back, in one sentence (G15)
``position_text(gp) -> str``      a short cell for tables (Negotiate, Termination matrix)
``render_panel(gp, key)``         the whole panel (Streamlit)
``positions_frame(named)`` / ``render_positions(named, key, each)``   one row per variant (Negotiate, matrix)
``render_contour(base_json, scenario, reason, first, last, price_min, price_max)``   the 3B line (Sensitivity)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from engine.golden_parachute.model import GoldenParachute
from ui import format as F
from ui import layout
from ui.parachute_charts import PARACHUTE_CHART_INPUTS, contour_chart, parachute_chart
from ui.parachute_text import best_net_sentence, position_text, verdict_sentence


def _flags(gp: GoldenParachute) -> None:
    for flag in gp.flags:
        text = F.md(F.with_clause(flag.message, flag.clause))
        if flag.severity == "warning":
            st.warning(text, icon=":material/warning:")
        elif flag.severity == "assumption":
            st.info(F.md("Assumption: ") + text, icon=":material/info:")
        else:
            st.caption(text)


def _details(gp: GoldenParachute) -> None:
    st.markdown(F.md(f"Base amount under {gp.base_amount_rule} (G4), base period "
                     f"{F.date(gp.base_period_start)} – {F.date(gp.base_period_end)}:"))
    st.dataframe(pd.DataFrame([{
        "Year": str(r.year), "From": F.date(r.start), "To": F.date(r.end), "Days": r.days,
        "Salary paid (§3)": F.money(r.salary_paid, cents=True), "Factor": f"{r.annualization_factor:.6f}",
        "Non-recurring (§4 buyout)": F.money(r.non_recurring, cents=True),
        "Annualized": F.money(r.annualized, cents=True), "Source": r.source,
    } for r in gp.base_period]), hide_index=True, width="stretch")
    st.markdown(F.md("Contingent payments (G7, G9) at present value (G8) and, when over, their share of B and "
                     "excess (G13):"))
    st.dataframe(pd.DataFrame([{
        "Payment": i.label, "Clause": i.clause, "Rule": i.rule, "Date": F.date(i.payment_date),
        "Amount": F.money(i.amount, cents=True), "AFR": i.afr_class, "Discount factor": f"{i.discount_factor:.6f}",
        "Present value": F.money(i.present_value, cents=True),
        "Base allocated": F.money(i.base_allocated, cents=True), "Excess": F.money(i.excess, cents=True),
    } for i in gp.items]), hide_index=True, width="stretch")
    if gp.option_valuation is not None:
        v = gp.option_valuation
        st.markdown(F.md(f"Option value (G10, §4): Black-Scholes with S {F.money(v.spot, cents=True)}, "
                         f"K {F.money(v.strike, cents=True)}, T {v.years:.6f} years, volatility "
                         f"{F.percent(v.volatility_pct)}, risk-free {F.percent(v.risk_free_rate_pct)}, dividend "
                         f"{F.percent(v.dividend_yield_pct)}: {v.per_share:.6f} an option (intrinsic "
                         f"{F.money(v.intrinsic, cents=True)}), on {F.date(v.acceleration_date)}."))
        st.dataframe(pd.DataFrame([{
            "Original vest (§4)": F.date(t.original_vest_date), "Shares": F.shares(t.shares),
            "Value V": F.money(t.value, cents=True), "Years": f"{t.years:.4f}", "AFR": t.afr_class,
            "DF": f"{t.discount_factor:.6f}", "PV piece": F.money(t.pv_piece, cents=True), "Months": t.months,
            "1% piece": F.money(t.month_piece, cents=True), "Contingent (G9)": F.money(t.contingent, cents=True),
            "Counted": "full value (G5(ii))" if t.full_value else ("capped" if t.cap_used else "Q/A-24(c)"),
            "Forfeited without acceleration": "yes" if t.forfeited_absent_acceleration else "no",
        } for t in gp.tranches]), hide_index=True, width="stretch")
    if gp.cuts:
        st.markdown(F.md("The better-off cutback (G15, C8): what would be cut to reach the safe harbor:"))
        st.dataframe(pd.DataFrame([{
            "Cut": c.label, "Shares": F.shares(c.shares) if c.shares else "",
            "Present value": F.money(c.present_value, cents=True), "Value to him lost": F.money(c.value_lost, cents=True),
        } for c in gp.cuts]), hide_index=True, width="stretch")


def render_panel(gp: GoldenParachute | None, key: str = "parachute") -> None:
    """The §280G panel for one scenario; nothing when no Change in Control counts."""
    if gp is None:
        return
    st.subheader("Golden-parachute test (§280G, §4999)")
    st.markdown(F.md(verdict_sentence(gp)))
    if gp.applies:
        # Two a row where they fit whole (money to the cent), one on a narrow screen (ui/layout.py).
        cards = layout.metric_grid(2, [F.money(gp.parachute_value, cents=True)])
        cards.cell().metric("Base amount B", F.money(gp.base_amount, cents=True),
                       help=F.md(f"Average annualized includible pay in the base period ({gp.base_amount_rule}); "
                                 "salary (§3) annualized, the Sion Power buyout (§4) not (G4)."))
        cards.cell().metric("Safe harbor, 3B − $1", F.money(gp.safe_harbor_limit, cents=True),
                       help=F.md("The safe-harbor maximum: the most that can be paid without any parachute payment (G12)."))
        cards.cell().metric("Present value P", F.money(gp.parachute_value, cents=True),
                       help=F.md("Present value, at 120% of the AFR, of every payment contingent on the change: the "
                                 "§6.1 lump sum and health months, and accelerated vesting (§4) (G7-G10)."))
        cards.cell().metric("Headroom", F.money(gp.headroom, cents=True),
                       help=F.md("(3B − $1) − P; negative when over the line (G12)."))
        st.vega_lite_chart(layout.cached_spec("parachute", gp.model_dump_json(include=set(PARACHUTE_CHART_INPUTS)),
                                              lambda: parachute_chart(gp)),
                           width="stretch", key=f"{key}_chart")
        if gp.exceeds_safe_harbor:
            over = layout.metric_grid(2, [F.money(gp.excess_parachute_payment, cents=True)])
            over.cell().metric("Excess parachute payment", F.money(gp.excess_parachute_payment, cents=True),
                           help=F.md("Each payment less its share of B; total = the payments less one B (G13)."))
            over.cell().metric("His 20% excise tax", F.money(gp.excise_tax, cents=True),
                           help=F.md("§4999(a), on top of income tax; Valence must withhold it (G14)."))
            over.cell().metric("Company's lost deduction", F.money(gp.lost_deduction, cents=True),
                           help=F.md("§280G(a) denies the Company's deduction for the excess (G14)."))
            over.cell().metric("Tax cost of the lost deduction", F.money(gp.lost_deduction_tax_cost, cents=True),
                           help=F.md("The lost deduction at the corporate-rate assumption; nil if net operating "
                                     "losses shelter the income (G14, F9)."))
        st.markdown(F.md(best_net_sentence(gp)))
        # Drawn only while open (four tables): a closed box costs a rerun nothing.
        with st.expander("How the §280G figures are worked out", key=f"{key}_details_box",
                         on_change="rerun") as box:
            if box.open:
                _details(gp)
    _flags(gp)


def positions_frame(named: list[tuple[str, GoldenParachute | None]]) -> pd.DataFrame:
    """One row per scenario variant (Negotiate's proposals, the matrix's cells): the §280G position."""
    rows = []
    for name, gp in named:
        if gp is None:
            rows.append({"Variant": name, "Position (G12)": position_text(gp)})
            continue
        rows.append({
            "Variant": name, "Position (G12)": position_text(gp),
            "B (G4)": F.money(gp.base_amount, cents=True), "3B line (G12)": F.money(gp.three_times_base, cents=True),
            "P (G8)": F.money(gp.parachute_value, cents=True), "Headroom (G12)": F.money(gp.headroom, cents=True),
            "Excise (G14, §4999)": F.money(gp.excise_tax, cents=True),
            "Lost deduction cost (G14, §280G(a))": F.money(gp.lost_deduction_tax_cost, cents=True),
            "Better for him (G15)": ("pay in full" if gp.better_for_executive == "pay_in_full" else "cut back")
            if gp.exceeds_safe_harbor else "—",
        })
    return pd.DataFrame(rows)


def render_positions(named: list[tuple[str, GoldenParachute | None]], key: str, each: str = "proposal",
                     static: bool = False) -> None:
    """The §280G position of each variant, and a warning for each one that crosses the line."""
    if all(gp is None for _, gp in named):
        return
    st.header("Golden-parachute position (§280G)")
    st.caption(F.md(f"For each {each}: the present value P of the payments contingent on the Change in Control "
                    "against 3 times the base amount B. At or over the line the excess is taxed 20% to him (§4999) "
                    "and not deductible by the Company (§280G(a)). The letter has no §280G clause (F14)."))
    if static:  # a plain table: the page's own data grid stays the only one on it
        st.table(positions_frame(named).set_index("Variant"))
    else:
        st.dataframe(positions_frame(named), hide_index=True, width="stretch", key=f"{key}_positions")
    for name, gp in named:
        if gp is not None and gp.applies and gp.exceeds_safe_harbor:
            st.warning(F.md(f"{name}: crosses the 3B line. {verdict_sentence(gp)} Excise "
                            f"{F.money(gp.excise_tax, cents=True)}; lost deduction costs the Company "
                            f"{F.money(gp.lost_deduction_tax_cost, cents=True)} (G14)."),
                       icon=":material/warning:")


@st.cache_data(max_entries=32, show_spinner="Finding the 3B line…")
def _contour(base_json: str, reason: str, first: dt.date, last: dt.date, price_min: float, price_max: float):
    from analyses.parachute_contour import safe_harbor_contour
    from engine.io import scenario_from_json

    base = scenario_from_json(base_json)
    days = [first + dt.timedelta(days=d) for d in range(0, (last - first).days + 1, CONTOUR_STEP_DAYS)]
    return safe_harbor_contour(base, reason, days, price_min, price_max)


CONTOUR_STEP_DAYS = 14


def render_contour(base_json: str, scenario, reason: str, first: dt.date, last: dt.date,
                   price_min: float, price_max: float) -> None:
    """Sensitivity: the 3B line over last day × price, when a Change in Control is set."""
    cic = scenario.change_in_control
    if cic is None or cic.date > last:
        return
    start = max(first, cic.date)
    points = _contour(base_json, reason, start, last, price_min, price_max)
    if not points:
        return
    st.header("Golden-parachute line (§280G)")
    crossing = [p for p in points if p.price is not None]
    if not crossing:
        st.markdown(F.md(f"For every last day from {F.date(start)} to {F.date(last)} the payments contingent on the "
                         f"Change in Control stay under the 3B line at every price up to ${price_max:,.2f} (G12)."))
        return
    subtitle = (f"Change in Control {F.date(cic.date)}; for each last day (every {CONTOUR_STEP_DAYS} days), the "
                "stock price at which P reaches 3B. Above the line: excise and lost deduction (G14).")
    st.altair_chart(contour_chart(points, price_min, price_max, subtitle), width="stretch")
    lowest = min(crossing, key=lambda p: p.price)
    st.caption(F.md("The same line is drawn in vermillion over the heatmap above. "
                    f"Lowest crossing price ${lowest.price:,.2f}, for a last day of {F.date(lowest.last_day)} "
                    f"(G9, G10, G12; §4, §6.1). {len(points) - len(crossing)} of {len(points)} last days stay under "
                    f"the line at every price up to ${price_max:,.2f}."))


def contour_points(scenario, sens):
    """The 3B line's points for a Sensitivity grid (cached), or [] without a Change in Control."""
    import json

    from engine.io import scenario_to_json
    from analyses.sensitivity import grid_base

    cic = scenario.change_in_control
    if cic is None or cic.date > sens.last_date:
        return []
    base_json = json.dumps(scenario_to_json(grid_base(scenario)), sort_keys=True)
    return _contour(base_json, sens.reason, max(sens.first_date, cic.date), sens.last_date, sens.price_min,
                    sens.price_max)


def heatmap_with_contour(spec: dict, scenario, sens) -> dict:
    """Sensitivity: the heatmap's spec with the §280G 3B line over it, when a Change in Control is set."""
    from ui.parachute_charts import with_contour

    return with_contour(spec, contour_points(scenario, sens))
