"""The page: an A4 ``FPDF`` with the shipped font and the few building blocks a
memo section uses (headings, paragraphs, tables, figures, charts)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.enums import MethodReturnValue

from memo.fonts import BOLD, FONT_FAMILY, REGULAR

INK = (20, 20, 20)
MUTED = (90, 90, 90)
RULE = (170, 170, 170)
HEAD_FILL = (232, 236, 241)
WARNING_INK = (160, 50, 0)
BODY_SIZE = 9
SMALL_SIZE = 7.5
_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


class MemoDocument(FPDF):
    """A4 portrait, 15 mm margins, DejaVu Sans; every page footed with the
    memo's identification (``footer_text``) and "page n of N"."""

    def __init__(self, footer_text: str = "") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        # section -> Future of its charts' SVG (see memo.sections.prefetch)
        self.prefetched: dict = {}
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.add_font(FONT_FAMILY, "", str(REGULAR))
        self.add_font(FONT_FAMILY, "B", str(BOLD))
        self.set_font(FONT_FAMILY, size=BODY_SIZE)
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        self.set_creator("Offer-letter scenario explorer")

    # -- page furniture ---------------------------------------------------

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT_FAMILY, size=6.5)
        self.set_text_color(*MUTED)
        self.cell(self.epw * 0.8, 4, self.footer_text, align="L")
        self.cell(self.epw * 0.2, 4, f"page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    def room(self) -> float:
        """Height left on this page, in mm."""
        return self.page_break_trigger - self.y

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.room() < height:
            self.add_page()

    # -- text ---------------------------------------------------------------

    def memo_title(self, text: str, subtitle: str = "") -> None:
        self.set_font(FONT_FAMILY, "B", 16)
        self.multi_cell(0, 7.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FONT_FAMILY, size=9.5)
            self.set_text_color(*MUTED)
            self.multi_cell(0, 5, subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
        self.ln(1.5)

    def heading(self, text: str, keep_with: float = 30) -> None:
        """A section heading, kept on the page with at least ``keep_with`` mm of what follows."""
        self.ln(2.5)
        self.keep(keep_with + 8)
        self.set_font(FONT_FAMILY, "B", 11.5)
        self.multi_cell(0, 6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.y, self.l_margin + self.epw, self.y)
        self.ln(1.5)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)

    def paragraph(self, text: str, size: float = BODY_SIZE, bold: bool = False, color=INK,
                  line: float | None = None, link: str = "") -> None:
        self.set_font(FONT_FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, line or size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT, link=link)
        self.set_text_color(*INK)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)

    def paragraph_height(self, text: str, size: float = BODY_SIZE, line: float | None = None) -> float:
        """The height ``paragraph`` would take, in mm (to keep it on one page)."""
        self.set_font(FONT_FAMILY, size=size)
        height = self.multi_cell(0, line or size * 0.48, text, align="L", dry_run=True,
                                 output=MethodReturnValue.HEIGHT)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)
        return height

    def bullet(self, text: str, lead: str = "", size: float = 8.5, color=INK) -> None:
        """``• lead text``, wrapped under the text: ``lead`` in bold (e.g. "Assumption:")."""
        indent, line = 4, size * 0.46
        self.keep(line * 2)
        self.set_x(self.l_margin)
        self.set_font(FONT_FAMILY, size=size)
        self.cell(indent, line, "•")
        margin = self.l_margin
        self.set_left_margin(margin + indent)
        try:
            self.set_text_color(*color)
            if lead:
                self.set_font(FONT_FAMILY, "B", size)
                self.write(line, lead + " ")
                self.set_font(FONT_FAMILY, size=size)
            self.write(line, text)
        finally:
            self.set_left_margin(margin)
        self.set_text_color(*INK)
        self.ln(line + 0.6)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)

    # -- tables and figures -------------------------------------------------

    def table_rows(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
                   align: Sequence[str], size: float = 8, bold_rows: Sequence[int] = ()) -> None:
        """A ruled table; ``widths`` are relative, ``align`` is L/R/C per column,
        ``bold_rows`` (indexes into ``rows``) are totals. The heading repeats on a new page."""
        self.set_font(FONT_FAMILY, size=size)
        head = FontFace(emphasis="BOLD", fill_color=HEAD_FILL, size_pt=size)
        with self.table(col_widths=tuple(widths), text_align=tuple(align), headings_style=head,
                        line_height=size * 0.5, padding=(0.8, 1.2), borders_layout="HORIZONTAL_LINES",
                        first_row_as_headings=True, width=self.epw) as table:
            heading = table.row()
            for text in headings:
                heading.cell(text)
            for index, values in enumerate(rows):
                style = FontFace(emphasis="BOLD") if index in bold_rows else None
                row = table.row(style=style)
                for text in values:
                    row.cell(text)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)
        self.ln(1)

    def figures(self, boxes: Sequence[tuple[str, str, str]], per_row: int = 3) -> None:
        """Headline figures: (label, value, note) in boxes, ``per_row`` to a row."""
        gap = 3
        width = (self.epw - gap * (per_row - 1)) / per_row
        height = 19
        for start in range(0, len(boxes), per_row):
            self.keep(height + gap)
            top = self.y
            for i, (label, value, note) in enumerate(boxes[start:start + per_row]):
                x = self.l_margin + i * (width + gap)
                self.set_draw_color(*RULE)
                self.rect(x, top, width, height)
                self.set_xy(x + 2, top + 1.5)
                self.set_font(FONT_FAMILY, size=7.5)
                self.set_text_color(*MUTED)
                self.cell(width - 4, 3.5, label)
                self.set_xy(x + 2, top + 5.5)
                self.set_font(FONT_FAMILY, "B", 13)
                self.set_text_color(*INK)
                self.cell(width - 4, 6, value)
                self.set_xy(x + 2, top + 12)
                self.set_font(FONT_FAMILY, size=6.8)
                self.set_text_color(*MUTED)
                self.multi_cell(width - 4, 3, note, align="L", max_line_height=3)
            self.set_text_color(*INK)
            self.set_xy(self.l_margin, top + height + gap)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)

    def chart_height(self, svg: str, width: float | None = None) -> float:
        """The mm an SVG chart takes drawn ``width`` mm wide (the text width by default), its
        gap below included: what a heading above it must keep with it."""
        width = width or self.epw
        match = _SVG_SIZE.search(svg)
        return (width * float(match.group(2)) / float(match.group(1)) if match else width * 0.6) + 2

    def chart(self, svg: str, width: float | None = None) -> None:
        """An SVG chart as vector graphics, ``width`` mm wide (the text width by default)."""
        width = width or self.epw
        height = self.chart_height(svg, width) - 2
        self.keep(height + 2)
        self.image(io.BytesIO(svg.encode("utf-8")), x=self.l_margin, y=self.y, w=width, h=height)
        self.set_y(self.y + height + 2)

