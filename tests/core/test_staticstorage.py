"""The production static storage computes each file's address once per process (issue 15)."""

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from essaim.core.staticstorage import StaticStorage


def test_each_address_is_computed_once(monkeypatch, tmp_path):
    calls = []

    def hashed(self, name, force=False):
        calls.append((name, force))
        if name == "absent.css":
            raise ValueError("Missing staticfiles manifest entry for 'absent.css'")
        return f"/static/{name.replace('.', '.abc123.')}"

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", hashed)
    storage = StaticStorage(location=tmp_path)
    assert storage.url("essaim/essaim.css") == "/static/essaim/essaim.abc123.css"
    assert storage.url("essaim/essaim.css") == "/static/essaim/essaim.abc123.css"
    assert storage.url("essaim/essaim.js") == "/static/essaim/essaim.abc123.js"
    assert calls == [("essaim/essaim.css", False), ("essaim/essaim.js", False)]
    storage.url("essaim/essaim.css", force=True)  # forced: asked again, not remembered
    assert calls[-1] == ("essaim/essaim.css", True)
    for _ in range(2):  # a missing file raises every time
        with pytest.raises(ValueError):
            storage.url("absent.css")
    assert calls.count(("absent.css", False)) == 2
