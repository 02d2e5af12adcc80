"""``python -m bench``: how fast the engine and the app answer (a tool beside the project)."""
