"""A kit version's content: parsed from what people type, written back for the form, hashed, compared.

Pure functions (no database). A content is a dict with one entry per `Section`: the three
texts (need, business model, lessons) as strings, the five lists as lists of small dicts. People
type a list one item per line, "label : value" (the financing plan's amount, a stage's
deliverables separated by ";", a partner's name, an indicator's target, a document's address).

The checksum is the SHA-256 of the content's canonical JSON: a copy keeps the checksum of the
version it took, and differs from its model when the kit's current checksum is another one
(DORA keeps a checksum per copy for the same purpose).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.core import bounds
from essaim.core.errors import ValidationError
from essaim.replication.enums import Section

TEXT_SECTIONS = (Section.NEED, Section.BUSINESS_MODEL, Section.LESSONS)
LIST_SECTIONS = (
    Section.FINANCING_PLAN,
    Section.PIPELINE,
    Section.PARTNERS,
    Section.INDICATORS,
    Section.DOCUMENTS,
)
TEXT_MAX = 5000
LINE_MAX = 300
LINES_MAX = 50
_SPLIT = re.compile(r"\s*:\s+|\s+:\s*")


def empty() -> dict:
    return {**{s.value: "" for s in TEXT_SECTIONS}, **{s.value: [] for s in LIST_SECTIONS}}


def _pair(line: str) -> tuple[str, str]:
    parts = _SPLIT.split(line, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def _amount(text: str, line: str) -> str:
    if not text:
        return ""
    try:
        value = Decimal(text.replace("\u202f", "").replace(" ", "").replace(",", ".").rstrip("€").strip())
    except InvalidOperation:
        raise ValidationError(
            {Section.FINANCING_PLAN.value: _("Montant illisible : « %(line)s ».") % {"line": line}}
        ) from None
    if not (0 < value < bounds.AMOUNT_MAX):
        raise ValidationError(
            {Section.FINANCING_PLAN.value: _("Montant hors limites : « %(line)s ».") % {"line": line}}
        )
    return str(value.quantize(Decimal("0.01")))


def _url(text: str, line: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        raise ValidationError(
            {Section.DOCUMENTS.value: _("Adresse de document invalide : « %(line)s ».") % {"line": line}}
        ) from None
    return text


def _item(section: str, line: str) -> dict:
    label, value = _pair(line)
    if not label:
        raise ValidationError({section: _("Ligne sans intitulé : « %(line)s ».") % {"line": line}})
    if section == Section.FINANCING_PLAN:
        return {"label": label, "amount": _amount(value, line)}
    if section == Section.PIPELINE:
        checklist = [part.strip() for part in value.split(";") if part.strip()]
        return {"key": slugify(label)[:40] or "etape", "name": label, "checklist": checklist}
    if section == Section.PARTNERS:
        return {"role": label, "who": value}
    if section == Section.INDICATORS:
        return {"name": label, "target": value}
    return {"title": label, "url": _url(value, line)}


def parse(texts: dict[str, str]) -> dict:
    """The content from the form's texts (one per section). Raises ValidationError per section."""
    content = empty()
    for section in TEXT_SECTIONS:
        text = (texts.get(section.value) or "").strip()
        if len(text) > TEXT_MAX:
            raise ValidationError(
                {section.value: _("%(n)s caractères au plus.") % {"n": TEXT_MAX}},
            )
        content[section.value] = text
    for section in LIST_SECTIONS:
        lines = [line.strip() for line in (texts.get(section.value) or "").splitlines() if line.strip()]
        if len(lines) > LINES_MAX or any(len(line) > LINE_MAX for line in lines):
            raise ValidationError(
                {
                    section.value: _("%(n)s lignes de %(m)s caractères au plus.")
                    % {"n": LINES_MAX, "m": LINE_MAX}
                }
            )
        content[section.value] = [_item(section.value, line) for line in lines]
    keys = [stage["key"] for stage in content[Section.PIPELINE.value]]
    if len(keys) != len(set(keys)):
        raise ValidationError({Section.PIPELINE.value: _("Deux étapes portent le même nom.")})
    return content


def _line(section: str, item: dict) -> str:
    if section == Section.FINANCING_PLAN:
        value = item.get("amount", "")
    elif section == Section.PIPELINE:
        value = " ; ".join(item.get("checklist", []))
    elif section == Section.PARTNERS:
        value = item.get("who", "")
    elif section == Section.INDICATORS:
        value = item.get("target", "")
    else:
        value = item.get("url", "")
    first = item.get("label") or item.get("name") or item.get("role") or item.get("title") or ""
    return f"{first} : {value}" if value else first


def lines(content: dict, section: str) -> list[str]:
    """A section as lines of text (the form's initial value, one line per item; a text by line)."""
    value = content.get(section, "" if section in TEXT_SECTIONS else [])
    if section in TEXT_SECTIONS:
        return [line for line in str(value).splitlines() if line.strip()]
    return [_line(section, item) for item in value]


def texts(content: dict) -> dict[str, str]:
    """The form's texts for a content (`parse(texts(c)) == c`)."""
    out = {}
    for section in Section:
        if section in TEXT_SECTIONS:
            out[section.value] = content.get(section.value, "")
        else:
            out[section.value] = "\n".join(lines(content, section.value))
    return out


def checksum(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SectionDrift:
    section: str
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def label(self) -> str:
        return str(Section(self.section).label)

    def as_dict(self) -> dict:
        return {
            "section": self.section,
            "label": self.label,
            "added": list(self.added),
            "removed": list(self.removed),
        }


def drift(taken: dict, current: dict) -> list[SectionDrift]:
    """What differs between the content a copy took and the kit's current one, section by section:
    the lines the kit added since, and those it removed (in the order they are written)."""
    out = []
    for section in Section:
        old, new = lines(taken, section.value), lines(current, section.value)
        if old == new:
            continue
        added = tuple(line for line in new if line not in old)
        removed = tuple(line for line in old if line not in new)
        if not added and not removed:  # the same lines in another order
            added, removed = tuple(new), tuple(old)
        out.append(SectionDrift(section.value, added, removed))
    return out
