"""The board memo: a scenario as a PDF for the board book (rendering only; the
engine knows nothing of it).

``memo_pdf(scenario, kind="explorer", **prepare_options) -> bytes``
    the PDF, in one call (what the pages and ``python -m engine memo`` use)
``prepare(scenario, ...) -> Memo``   the content, from the engine (``memo.content``)
``render(memo, sections=None) -> bytes``   the PDF of a prepared memo
``SECTIONS``                         kind → the section functions, in order (``memo.sections``)

Offline and the same everywhere: charts are the app's own Altair charts,
drawn to SVG by ``vl_convert`` and embedded as vector graphics by fpdf2; the
text is DejaVu Sans, shipped in ``memo/fonts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from memo.content import KINDS, Memo, prepare
from memo.document import MemoDocument
from memo.sections import SECTIONS, TITLES, Section

__all__ = ["KINDS", "SECTIONS", "Memo", "Section", "memo_pdf", "prepare", "render"]


def render(memo: Memo, sections: Sequence[Section] | None = None) -> bytes:
    doc = MemoDocument(footer_text=f"Board memo · offer letter of 8 July 2005 · scenario {memo.fingerprint} · "
                                   f"app {memo.version}")
    doc.set_title(TITLES[memo.kind])
    doc.add_page()
    chosen = list(sections if sections is not None else SECTIONS[memo.kind])
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="memo-charts") as pool:
        # The charts are drawn on another thread while the sections before them are laid out.
        doc.prefetched = {s: pool.submit(s.prefetch, memo) for s in chosen if getattr(s, "prefetch", None)}
        for section in chosen:
            section(doc, memo)
    return bytes(doc.output())


def memo_pdf(scenario: Any, kind: str = "explorer", **options: Any) -> bytes:
    """The memo of ``scenario`` as PDF bytes (``options``: see ``memo.content.prepare``)."""
    return render(prepare(scenario, kind=kind, **options))  # type: ignore[arg-type]
