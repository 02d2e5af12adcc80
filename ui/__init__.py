"""The app's shared front-end modules (everything here is reused by every page).

* ``ui.params``  the one schema of every input: name (= widget key = query
                 parameter), type, default, label, help citing the clause;
                 parsing links, serializing links, building a ``Scenario``.
                 No Streamlit import.
* ``ui.state``   the session's current inputs, scenario and (cached) outcome;
                 keeps the browser URL equal to the shareable link.
* ``ui.sidebar`` draws the scenario inputs in the sidebar (``draw_sidebar()``).
* ``ui.format``  money, shares, dates and percentages as the board reads them.
* ``ui.charts``  pure Altair chart builders + the shared palette/style.
                 No Streamlit import.
"""
