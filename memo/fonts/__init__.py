"""DejaVu Sans, regular and bold, shipped with the app (licence in ``LICENSE``):
the memo's text and its charts' text look the same on every machine."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
FONT_FAMILY = "DejaVu Sans"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
