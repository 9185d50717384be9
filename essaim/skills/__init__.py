"""Territorial skills planning (GPEC), issue 12 §2 — so far the skills vocabulary only
(`vocabulary.py`, docs/skills.md); the app is not installed yet (no models)."""
