"""The plan of a meetings import: each row names its project by the reference a projects import
carried; a meeting's own key is its "référence" column, or else its project, date and type."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import MeetingKind
from essaim.accompaniment.models import Expert, Meeting, Project
from essaim.imports import cells
from essaim.imports.checking import Item, Plan, RowReader, compare, digests_of, duplicate
from essaim.imports.models import ImportKey, ImportKind

KINDS = {
    MeetingKind.INDIVIDUAL: (
        "Rendez-vous individuel",
        "individuel",
        "rdv individuel",
        "entretien",
        "individual",
    ),
    MeetingKind.WORKSHOP: ("Atelier collectif", "atelier", "collectif", "formation", "workshop"),
    MeetingKind.EXPERT: ("Rendez-vous avec un expert", "expert", "expertise", "rdv expert"),
    MeetingKind.COMMITTEE: ("Comité", "comité de suivi", "comite", "committee"),
}
LONG_TEXT = 5000
FIELDS = (
    "date",
    "duration_minutes",
    "kind",
    "topics",
    "decisions",
    "next_steps",
    "next_meeting_on",
    "expert",
)


def _clean(reader: RowReader, experts: dict[str, Expert]) -> dict:
    latest = timezone.localdate() + dt.timedelta(days=1)
    values = {
        "reference": reader.read("reference", cells.text, max_length=100) or "",
        "project_reference": reader.read("project_reference", cells.text, required=True, max_length=100),
        "date": reader.read("date", cells.date, required=True),
        "kind": reader.read("kind", cells.choice, options=KINDS) or MeetingKind.INDIVIDUAL,
        "topics": reader.read("topics", cells.text, max_length=LONG_TEXT, multiline=True) or "",
        "decisions": reader.read("decisions", cells.text, max_length=LONG_TEXT, multiline=True) or "",
        "next_steps": reader.read("next_steps", cells.text, max_length=LONG_TEXT, multiline=True) or "",
        "next_meeting_on": reader.read("next_meeting_on", cells.date),
        "expert": None,
    }
    if values["date"] and values["date"] > latest:
        reader.problem(
            "date", _("ce rendez-vous n'a pas encore eu lieu : on ne consigne que les rendez-vous passés.")
        )
    if values["date"] and values["next_meeting_on"] and values["next_meeting_on"] < values["date"]:
        reader.problem("next_meeting_on", _("le prochain rendez-vous doit suivre celui-ci."))
    unit = "hours" if reader.has("duration_hours") else "minutes"
    values["duration_minutes"] = reader.read(f"duration_{unit}", cells.duration, required=True, unit=unit)
    email = reader.read("expert_email", cells.emails, maximum=1)
    if email:
        values["expert"] = experts.get(email[0])
        if values["expert"] is None:
            reader.problem(
                "expert_email", _("aucun expert du vivier n'a l'adresse « %(email)s ».") % {"email": email[0]}
            )
    return values


def _key(values: dict) -> str:
    if values["reference"]:
        return values["reference"]
    day = values["date"].isoformat() if values["date"] else ""
    return f"{values['project_reference']}|{day}|{values['kind']}"


def plan(*, programme, rows: list[dict], columns: dict[str, str]) -> Plan:
    """What importing `rows` into `programme` would do (reads only)."""
    result = Plan(ImportKind.MEETINGS)
    project_keys = {
        k.key.lower(): k.target_id
        for k in ImportKey.objects.filter(programme=programme, kind=ImportKind.PROJECTS)
    }
    projects = (
        Project.objects.filter(programme=programme).select_related("programme").in_bulk(project_keys.values())
    )
    keys = {k.key.lower(): k for k in ImportKey.objects.filter(programme=programme, kind=ImportKind.MEETINGS)}
    meetings = Meeting.objects.filter(project__programme=programme).in_bulk(
        [k.target_id for k in keys.values()]
    )
    emails = {e.lower() for row in rows for e in cells.items(row.get("expert_email"))}
    experts = {
        x.user.email.lower(): x for x in Expert.objects.filter(user__email__in=emails).select_related("user")
    }
    seen: dict[str, int] = {}
    for row in rows:
        reader = RowReader(row, columns, ImportKind.MEETINGS, result.problems)
        values = _clean(reader, experts)
        reference = values["project_reference"] or ""
        project = projects.get(project_keys.get(reference.lower()))
        if reference and project is None:
            reader.problem(
                "project_reference",
                _(
                    "aucun projet importé dans ce dispositif n'a la référence « %(ref)s » : importez d'abord les projets."
                )
                % {"ref": reference},
            )
        key = _key(values)
        duplicate(seen, key, reader, "reference" if values["reference"] else "project_reference")
        if reader.failed:
            continue
        values["project"] = project
        present = {name for name in FIELDS if reader.has(name)} | {"date", "duration_minutes", "kind"}
        if reader.has("expert_email"):
            present.add("expert")
        label = _("%(project)s, le %(date)s") % {
            "project": project.name,
            "date": values["date"].strftime("%d/%m/%Y"),
        }
        item = Item(reader.line, key, label, values, digests_of(values, present))
        import_key = keys.get(key.lower())
        meeting = meetings.get(import_key.target_id) if import_key else None
        compare(item, import_key, meeting if meeting is None or meeting.project_id == project.pk else None)
        result.items.append(item)
    return result
