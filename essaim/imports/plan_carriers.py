"""The plan of a carriers import: each row attaches a person to a project a projects import
brought in, by the project's reference and the person's e-mail address (the key: both).

An address with an active account attaches it; an unknown one becomes a carrier account without a
password (its owner chooses one with "mot de passe oublié"; nobody is e-mailed); a deactivated
account is not attached and the row says why. A carrier detached in Essaim since the last import
stays detached: the file's row is then unchanged, not attached again.
"""

from __future__ import annotations

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.imports import cells
from essaim.imports.checking import SKIPPED, UNCHANGED, Item, Plan, RowReader, compare, digests_of, duplicate
from essaim.imports.models import ImportKey, ImportKind

FIELDS = ("project", "email")


def _clean(reader: RowReader) -> dict:
    email = reader.read("email", cells.emails, required=True, maximum=1) or [""]
    first = reader.read("first_name", cells.text, max_length=75) or ""
    last = reader.read("full_name", cells.text, max_length=150) or ""
    return {
        "project_reference": reader.read("project_reference", cells.text, required=True, max_length=100)
        or "",
        "email": email[0],
        "full_name": " ".join(part for part in (first, last) if part)[:150],
    }


def plan(*, programme, rows: list[dict], columns: dict[str, str]) -> Plan:
    """What importing `rows` into `programme` would do (reads only)."""
    result = Plan(ImportKind.CARRIERS)
    project_keys = {
        k.key.lower(): k.target_id
        for k in ImportKey.objects.filter(programme=programme, kind=ImportKind.PROJECTS)
    }
    projects = (
        Project.objects.filter(programme=programme)
        .prefetch_related("carriers")
        .in_bulk(project_keys.values())
    )
    keys = {k.key.lower(): k for k in ImportKey.objects.filter(programme=programme, kind=ImportKind.CARRIERS)}
    emails = {e.lower() for row in rows for e in cells.items(row.get("email"))}
    users = {u.lower: u for u in User.objects.annotate(lower=Lower("email")).filter(lower__in=emails)}
    seen: dict[str, int] = {}
    for row in rows:
        reader = RowReader(row, columns, ImportKind.CARRIERS, result.problems)
        values = _clean(reader)
        reference = values["project_reference"]
        project = projects.get(project_keys.get(reference.lower()))
        if reference and project is None:
            reader.problem(
                "project_reference",
                _(
                    "aucun projet importé dans ce dispositif n'a la référence « %(ref)s » : importez d'abord les projets."
                )
                % {"ref": reference},
            )
        user = users.get(values["email"])
        if values["email"] and user is None and not values["full_name"]:
            reader.problem(
                "full_name", _("indiquez le nom de cette personne : elle n'a pas encore de compte.")
            )
        key = f"{reference}|{values['email']}"
        duplicate(seen, key, reader, "email")
        if reader.failed:
            continue
        values.update(project=project, user=user)
        label = _("%(person)s — %(project)s") % {
            "person": (user.get_full_name() if user else "") or values["full_name"] or values["email"],
            "project": project.name,
        }
        item = Item(reader.line, key, label, values, digests_of(values, set(FIELDS)))
        import_key = keys.get(key.lower())
        carriers = {c.pk for c in project.carriers.all()}
        compare(item, import_key, user if import_key and user else None)
        if item.outcome != UNCHANGED and user is not None and not user.is_active:
            item.outcome = SKIPPED
            item.notes.append(_("Ce compte est désactivé : il n'est pas rattaché au projet."))
        elif item.outcome != UNCHANGED and user is not None and user.pk in carriers:
            item.outcome = UNCHANGED
            item.notes.append(_("Déjà porteur de ce projet."))
        result.items.append(item)
    return result
