"""Territorial skills planning (GPEC), issue 12 §2 — so far the skills vocabulary only
(`vocabulary.py`, docs/skills.md); installed (models: see docs/skills.md)."""
