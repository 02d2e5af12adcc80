"""The engine stays free of rendering, and the memo of Streamlit: the command line
makes a memo without loading Streamlit, and evaluating loads no PDF code."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
{statement}
print(sorted(name for name in ("memo", "fpdf", "vl_convert", "streamlit") if name in sys.modules))
"""


def loaded_after(statement: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHECK.format(statement=statement)], capture_output=True, text=True,
                          timeout=300, check=True)
    return eval(done.stdout.strip())  # noqa: S307 - our own printout of a list of names


def test_the_engine_and_its_command_line_load_no_rendering_code():
    assert loaded_after("import engine, engine.cli, engine.evaluate, analyses.matrix, analyses.negotiate") == []


def test_a_memo_is_made_without_streamlit():
    statement = "from engine.scenario import Scenario; import memo; memo.memo_pdf(Scenario(), kind='matrix')"
    assert loaded_after(statement) == ["fpdf", "memo", "vl_convert"]
