"""Territorial skills planning (GPEC), issue 12 §2: vocabulary, sources, balance, the recruitment
needs noted at check-ins (models.py); docs/skills.md."""
