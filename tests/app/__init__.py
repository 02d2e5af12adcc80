"""AppTest helpers for the app's tests (and for other pages' tests).

``new_app_test(query_params=None, timeout=30) -> AppTest``
    ``AppTest`` of ``app.py`` (the entrypoint, as ``streamlit run`` uses it),
    optionally opened from a link's parameters; call ``.run()``.
``open_box(at, key) -> AppTest``
    open an expander whose content is drawn only while it is open (``on_change="rerun"``,
    its open state kept under ``key``), as a click on its label does, and run.

Why ``navigation_mode()``: with a ``pages/`` folder beside ``app.py``,
Streamlit runs in its old "pages directory" mode until the first
``st.navigation`` call after the server starts; from then on every run goes
through ``app.py``. ``AppTest`` forgets that before each run, so from its
second run on it would execute the page file alone, without ``app.py``
(``ui.state.leave_pages_folder_mode()`` then starts the run over through
``app.py``, but a widget change made in that run is lost). ``navigation_mode()`` makes
``AppTest`` behave like a server that has served its first page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
_PATCHED = "_offer_letter_navigation_mode"
# Streamlit's own PagesManager.__init__, to test the unpatched behaviour too.
ORIGINAL_PAGES_MANAGER_INIT = getattr(PagesManager, "_offer_letter_original_init", PagesManager.__init__)


def navigation_mode() -> None:
    """Idempotent: after a PagesManager is made, pages-directory mode is off."""
    if getattr(PagesManager, _PATCHED, False):
        return
    original = PagesManager.__init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = __init__  # type: ignore[method-assign]
    PagesManager._offer_letter_original_init = original  # type: ignore[attr-defined]
    setattr(PagesManager, _PATCHED, True)


def new_app_test(query_params: dict[str, Any] | None = None, timeout: float = 30) -> AppTest:
    navigation_mode()
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if query_params:
        at.query_params.update(query_params)
    return at


def open_box(at: AppTest, key: str) -> AppTest:
    at.session_state[key] = True
    return at.run()


def plain(text: str) -> str:
    """Markdown as the reader sees it: the app escapes $, ., ( … (``ui.format.md``)."""
    return re.sub(r"\\(.)", r"\1", text)
