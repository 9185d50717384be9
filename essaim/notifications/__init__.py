"""Templated notifications, sent by the task worker (see `essaim/notifications/services.py`)."""
