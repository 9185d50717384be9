"""One activity log for the whole platform (see `essaim/audit/recorder.py`).

`from essaim.audit import record` works once apps are loaded (the names are resolved lazily so
that importing the package while Django starts does not import its models).
"""

_EXPORTS = {"diff", "forget_actor", "record", "record_transition", "scrub_objects", "snapshot"}


def __getattr__(name):
    if name in _EXPORTS:
        from essaim.audit import recorder  # lazy: importing the package must not load models at start-up

        return getattr(recorder, name)
    raise AttributeError(name)
