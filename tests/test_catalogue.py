"""English is available everywhere: the shipped catalogue is complete, and every notification
reads in English when its recipient's language is English."""

from pathlib import Path

import pytest
from django.utils.translation.trans_real import DjangoTranslation

from essaim.notifications.services import render

PO = Path("essaim/locale/en/LC_MESSAGES/django.po")
NOTIFICATIONS = Path("essaim/notifications/templates/notifications")


def _entries():
    """(msgid, msgstr or plural forms, flags) of the catalogue, without a gettext library."""
    entries, current, key = [], None, None
    for raw in PO.read_text().splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current and current.get("msgid"):
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"flags": "", "msgid": "", "msgstr": []}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr", "msgctxt ")):
            key, _space, value = line.partition(" ")
            if key.startswith("msgstr"):
                current["msgstr"].append(value[1:-1])
                key = "msgstr"
            else:
                current[key] = value[1:-1]
        elif line.startswith('"') and key:
            if key == "msgstr":
                current["msgstr"][-1] += line[1:-1]
            else:
                current[key] += line[1:-1]
    return entries


def test_every_message_of_the_catalogue_is_translated_and_none_is_fuzzy():
    entries = _entries()
    assert len(entries) > 1000
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_is_the_one_shipped():
    compiled = DjangoTranslation("en")
    for entry in _entries()[:50]:
        if entry.get("msgid_plural") or entry.get("msgctxt") or "\\" in entry["msgid"]:
            continue
        assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0].replace('\\"', '"')


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(NOTIFICATIONS)).removesuffix(".subject.txt")
        for p in NOTIFICATIONS.rglob("*.subject.txt")
    ),
)
def test_every_notification_has_its_english_subject(name):
    context = Anything()
    french, _body = render(name, context, language="fr")
    english, _body = render(name, context, language="en")
    assert english != french


class One(int):
    """1, whose every attribute is 1 again: `application.pk`, `event.title`…"""

    def __new__(cls):
        return super().__new__(cls, 1)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return One()

    def __call__(self, *args, **kwargs):
        return One()


class Anything(dict):
    """A context where every name is One: enough to render any notification template."""

    def __missing__(self, key):
        return One()

    def __contains__(self, key):
        return True
