"""Altair charts as SVG for the PDF, offline.

``vl_convert`` (its own bundled JavaScript engine: no browser, no network)
draws the chart with the shipped DejaVu Sans, so the text in the chart is
measured with the very font the PDF embeds. fpdf2's SVG reader takes a subset
of SVG; ``clean_svg`` removes the two things Vega writes that it refuses.
"""

from __future__ import annotations

import copy
import re
import functools
import threading
import xml.etree.ElementTree as ET
from typing import Any

import altair as alt

from memo.fonts import FONT_DIR, FONT_FAMILY

SVG_NS = "http://www.w3.org/2000/svg"
_lock = threading.Lock()  # one conversion at a time: vl_convert keeps one engine per process


@functools.lru_cache(maxsize=1)
def _converter():
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))
    return vl_convert


def print_spec(chart: alt.TopLevelMixin | dict[str, Any], width: int, height: int | None = None) -> dict[str, Any]:
    """The chart's Vega-Lite spec for paper: a fixed width in pixels instead of the
    page's container width, the whole chart (title, axes, legend) fitted into it,
    and DejaVu Sans for every text."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict(validate=False)
    spec["width"] = width
    if height is not None:
        spec["height"] = height
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    _drop_pointer_hints(spec)
    config = spec.setdefault("config", {})
    config["font"] = FONT_FAMILY
    config.setdefault("view", {}).update(continuousWidth=width)
    return spec


def _invisible(element: ET.Element) -> bool:
    """The screen's hover targets: drawn with opacity 0 (a rule or point per date),
    or Vega's nearest-point cells (``…_voronoi``), which have no paint of their own."""
    return element.get("opacity", "").strip() in ("0", "0.0") or "_voronoi" in element.get("class", "")


def _drop_pointer_hints(spec: dict[str, Any]) -> None:
    """Paper has no pointer: drop a subtitle sentence that says to hover or click."""
    title = spec.get("title")
    if not isinstance(title, dict) or not title.get("subtitle"):
        return
    lines = title["subtitle"] if isinstance(title["subtitle"], list) else [title["subtitle"]]
    kept = []
    for line in lines:
        sentences = [s for s in re.split(r"(?<=\.)\s+", str(line)) if not re.match(r"(Hover|Click|Point)\b", s)]
        if sentences:
            kept.append(" ".join(sentences))
    title["subtitle"] = kept


def clean_svg(svg: str) -> str:
    """Vega's SVG, readable by fpdf2: drop paths with an empty ``d`` (fpdf2 wants
    every path to start with a move) and the invisible hover targets (opacity 0;
    paper has no pointer, and fpdf2 would draw them), and give ``<line>`` its
    default 0 coordinates."""
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1]
            if (tag == "path" and not (child.get("d") or "").strip()) or _invisible(child):
                parent.remove(child)
            elif tag == "line":
                for attribute in ("x1", "y1", "x2", "y2"):
                    child.attrib.setdefault(attribute, "0")
    return ET.tostring(root, encoding="unicode")


def chart_svg(chart: alt.TopLevelMixin | dict[str, Any], width: int = 760, height: int | None = None) -> str:
    """The chart as clean SVG text, ``width`` pixels wide."""
    spec = print_spec(chart, width, height)
    with _lock:
        svg = _converter().vegalite_to_svg(spec)
    return clean_svg(svg)
