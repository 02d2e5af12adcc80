"""Compositions of the engine for the pages, free of Streamlit, returning plain data.

``matrix``       the proxy-statement table: one row per event, one column per component
``negotiate``    the letter as signed beside proposed variants of it
``sensitivity``  one reason over every termination date × stock price, cut into blocks for drawing

The rules themselves live in ``engine/``; these modules only call ``evaluate``
and the grid and arrange what they return.
"""
