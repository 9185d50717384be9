"""Writes of imports: stage a file, then apply it through the accompaniment services.

`import_projects`, `import_carriers`, `import_meetings`, `import_experts` and
`import_budget_lines` take rows as `checking` describes them
and are all or nothing: every row is validated first, and one problem anywhere refuses the
whole file with every problem listed (a `ValidationError`, nothing written). Applied, each row
goes through the service that owns it (`project_create`, `project_update`,
`project_set_carriers`, `meeting_create`, `meeting_update`, `expert_save`,
`budget_line_set`), which log their own
events; the import adds one event that sums it up (an `ImportRun`).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from essaim.accompaniment import rules
from essaim.accompaniment.models import Project
from essaim.accompaniment.services import (
    MEETING_FIELDS,
    expert_save,
    meeting_create,
    meeting_update,
    project_create,
    project_set_carriers,
    project_update,
)
from essaim.accompaniment.workflows import as_person
from essaim.accounts.models import User
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.actors import IMPORT
from essaim.core.errors import ValidationError
from essaim.core.french import format_number
from essaim.core.services import ensure, service
from essaim.evidence.services import budget_line_set
from essaim.imports import (
    cells,
    plan_budget,
    plan_carriers,
    plan_experts,
    plan_meetings,
    plan_projects,
    reading,
)
from essaim.imports.checking import CREATED, MAX_PROBLEMS_SHOWN, UPDATED, Item, Plan, rows_from
from essaim.imports.columns import mapping_problems
from essaim.imports.models import ImportKey, ImportKind, ImportRun, StagedImport
from essaim.imports.workflows import IMPORT_RUN


@service(permission=rules.can_import_into_programme, on="programme")
def import_stage(*, by, programme, kind: str, filename: str, data: bytes) -> StagedImport:
    """Read an uploaded file and keep its rows for the next steps (mapping, check, apply).

    ValidationError with a French message on a file that is not a readable table or passes a
    limit (essaim/imports/reading.py). Side effects: one StagedImport, one event.
    """
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Choisissez ce que contient le fichier.")})
    try:
        table = reading.read(filename, data)
    except reading.FileProblem as exc:
        raise ValidationError({"file": str(exc)}) from exc
    staged = StagedImport.objects.create(
        programme=programme,
        created_by=by,
        kind=kind,
        filename=filename[-200:],
        headers=table.headers,
        rows=[{"line": n, "cells": [cells.to_json(c) for c in row]} for n, row in table.rows],
        notes=table.notes,
    )
    recorder.record(actor=by, obj=staged, action=Action.CREATE, changes={"_rows": len(table.rows)})
    return staged


@service(permission=rules.can_import_into_programme, on="programme")
def import_projects(
    *, by, programme, rows: list[dict], columns: dict | None = None, filename: str = ""
) -> dict:
    """Create or update the programme's projects and attach their carriers (see the module).

    A carrier's address with an active account attaches that account; an unknown one becomes a
    carrier account without a password (its owner sets one with "mot de passe oublié"); an
    address whose account is deactivated is not attached. Returns the report.
    """
    plan = plan_projects.plan(programme=programme, rows=rows, columns=columns or {})
    _refuse(plan)
    accounts = _Accounts(plan, by)
    for item in plan.items:
        if item.outcome == CREATED:
            _create_project(item, programme, by, accounts)
        elif item.outcome == UPDATED:
            _update_project(item, by, accounts)
    return _finish(plan, programme=programme, by=by, filename=filename)


@service(permission=rules.can_import_into_programme, on="programme")
def import_meetings(
    *, by, programme, rows: list[dict], columns: dict | None = None, filename: str = ""
) -> dict:
    """Log or correct the meetings of projects imported earlier. Returns the report."""
    plan = plan_meetings.plan(programme=programme, rows=rows, columns=columns or {})
    _refuse(plan)
    for item in plan.items:
        values = item.values
        if item.outcome == CREATED:
            fields = {name: values[name] for name in MEETING_FIELDS}
            meeting = meeting_create(project=values["project"], by=by, **fields)
            _keep_key(item, programme, ImportKind.MEETINGS, meeting.pk)
        elif item.outcome == UPDATED:
            fields = {name: values[name] for name in item.changed if name in MEETING_FIELDS}
            meeting_update(meeting=item.target, by=by, **fields)
            _keep_key(item, programme, ImportKind.MEETINGS, item.target.pk)
    return _finish(plan, programme=programme, by=by, filename=filename)


@service(permission=rules.can_import_into_programme, on="programme")
def import_experts(
    *, by, programme, rows: list[dict], columns: dict | None = None, filename: str = ""
) -> dict:
    """Add experts to the pool, or update the profiles this programme imported (see
    plan_experts). A new expert is an account without a password and its profile, saved by
    `expert_save` as the import (the summary event names who imported). Returns the report."""
    plan = plan_experts.plan(programme=programme, rows=rows, columns=columns or {})
    _refuse(plan)
    for item in plan.items:
        values = item.values
        profile = {name: values[name] for name in plan_experts.PROFILE_FIELDS}
        if item.outcome == CREATED:
            user = _new_account(values["email"], values["full_name"], by, is_expert=True)
            expert_save(user=user, by=IMPORT, **profile)
            _keep_key(item, programme, ImportKind.EXPERTS, user.pk, key=str(user.pk))
        elif item.outcome == UPDATED:
            expert = item.target
            kept = {
                name: getattr(expert, name)
                for name in plan_experts.PROFILE_FIELDS
                if name not in item.changed
            }
            if "full_name" in item.changed and values["full_name"]:
                _rename(expert.user, values["full_name"], by)
            expert_save(user=expert.user, by=IMPORT, **{**profile, **kept})
            _keep_key(item, programme, ImportKind.EXPERTS, expert.user_id, key=str(expert.user_id))
    return _finish(plan, programme=programme, by=by, filename=filename)


@service(permission=rules.can_import_into_programme, on="programme")
def import_carriers(
    *, by, programme, rows: list[dict], columns: dict | None = None, filename: str = ""
) -> dict:
    """Attach carriers to projects imported earlier (see plan_carriers): one
    `project_set_carriers` per project, an account without a password for an unknown address.
    Returns the report."""
    plan = plan_carriers.plan(programme=programme, rows=rows, columns=columns or {})
    _refuse(plan)
    added: dict[int, list] = {}
    for item in plan.items:
        if item.outcome != CREATED:
            continue
        values = item.values
        user = values["user"] or _new_account(values["email"], values["full_name"], by)
        added.setdefault(values["project"].pk, [values["project"]]).append(user)
        _keep_key(item, programme, ImportKind.CARRIERS, user.pk)
    for project, *team in added.values():
        project_set_carriers(project=project, carriers=[*project.carriers.all(), *team], by=by)
    return _finish(plan, programme=programme, by=by, filename=filename)


@service(permission=rules.can_import_into_programme, on="programme")
def import_budget_lines(
    *, by, programme, rows: list[dict], columns: dict | None = None, filename: str = ""
) -> dict:
    """Set budget lines per programme, year and source (see plan_budget), each through
    `evidence.services.budget_line_set` (its checks, its events, the year's total kept equal to
    its lines). Rows may name the other programmes `by` runs; any other is refused with the
    whole file. Returns the report."""
    plan = plan_budget.plan(programme=programme, rows=rows, columns=columns or {}, by=by)
    _refuse(plan)
    for item in plan.items:
        if item.outcome in (CREATED, UPDATED):
            values = item.values
            budget_line_set(
                programme=values["programme"],
                year=values["year"],
                source=values["source"],
                amount=values["amount"],
                by=by,
            )
    return _finish(plan, programme=programme, by=by, filename=filename)


IMPORTERS = {
    ImportKind.PROJECTS: import_projects,
    ImportKind.CARRIERS: import_carriers,
    ImportKind.MEETINGS: import_meetings,
    ImportKind.EXPERTS: import_experts,
    ImportKind.BUDGET: import_budget_lines,
}


@service
def import_queue(*, by, staged: StagedImport, mapping: list[str]) -> StagedImport:
    """Ask the task worker to apply a staged file with a column mapping (all or nothing).

    Side effects: the file queued with its mapping (one workflow event), the task
    `imports.tasks.apply_staged_import` enqueued once the transaction commits (a worker never
    sees a file that is not queued yet). ValidationError when the mapping is incomplete, or the
    file was imported or is being imported; PermissionDenied for anyone but its author.
    """
    from essaim.imports import tasks  # cycle: the task runs the services below

    ensure(rules.can_import_into_programme, by, staged.programme)
    problems = mapping_problems(mapping, staged.kind)
    if problems or len(mapping) != len(staged.headers):
        raise ValidationError(problems or [_("Choisissez une correspondance pour chaque colonne.")])
    staged = IMPORT_RUN.apply(staged, "queue", by=by, mapping=mapping)
    staged_id = staged.pk
    transaction.on_commit(lambda: tasks.apply_staged_import.enqueue(staged_id))
    return staged


@service
def import_start_run(*, by, staged: StagedImport) -> StagedImport:
    """The worker takes a queued file (its page then says "en cours"). Side effects: the move."""
    return IMPORT_RUN.apply(staged, "start", by=by)


@service
def import_apply(*, by, staged: StagedImport) -> dict:
    """Apply a running file with its mapping, in one transaction with its "finish" move: either
    every row is written and the file is done with its report, or nothing is (ValidationError
    listing every problem; the caller records the failure with `import_fail`).

    `by` is the worker (a system actor); the rows are written as the file's author, whose right
    to import into the programme is checked again now. Side effects: what the import of its kind
    writes; the staged file keeps the report and forgets its rows.
    """
    staged = (
        StagedImport.objects.select_for_update().select_related("programme", "created_by").get(pk=staged.pk)
    )
    author = staged.created_by
    ensure(rules.can_import_into_programme, author, staged.programme)
    rows, columns = rows_from(staged, staged.mapping)
    importer = IMPORTERS[staged.kind]
    report = importer(
        by=author, programme=staged.programme, rows=rows, columns=columns, filename=staged.filename
    )
    IMPORT_RUN.apply(staged, "finish", by=by, lock=False, report=report)
    return report


@service
def import_fail(*, by, staged: StagedImport, problems: list[str]) -> StagedImport:
    """Say why a file was not imported (nothing was written). Side effects: the move, the
    problems kept for the page."""
    return IMPORT_RUN.apply(staged, "fail", by=by, problems=problems)


# --- helpers ---------------------------------------------------------------------------------------


def _refuse(plan: Plan) -> None:
    if not plan.problems:
        return
    messages = [str(p) for p in plan.problems[:MAX_PROBLEMS_SHOWN]]
    hidden = len(plan.problems) - len(messages)
    if hidden:
        messages.append(_("… et %(n)s autres problèmes.") % {"n": format_number(hidden)})
    raise ValidationError(messages)


def _finish(plan: Plan, *, programme, by, filename: str) -> dict:
    counts = plan.counts()
    run = ImportRun.objects.create(
        programme=programme, kind=plan.kind, by=as_person(by), filename=filename[-200:], counts=counts
    )
    recorder.record(actor=by, obj=run, action=Action.CREATE, changes={"_counts": counts})
    return {
        "kind": plan.kind,
        "filename": filename,
        "counts": counts,
        "changes_nothing": plan.changes_nothing,
        "items": [item.as_report() for item in plan.items],
        "run": run.pk,
    }


def _keep_key(
    item: Item, programme, kind: str, target_id: int, *, key: str | None = None, linked=None
) -> None:
    found = item.import_key
    if found is None:
        found = ImportKey(programme=programme, kind=kind, key=key or item.key)
    found.target_id = target_id
    found.digests = {**found.digests, **item.digests}
    if linked is not None:
        found.linked = linked
    found.save()


def _new_account(email: str, full_name: str, by, *, is_expert: bool = False) -> User:
    """An account for a person a file names: no password until they choose one."""
    user = User(email=email, full_name=full_name[:150], is_carrier=not is_expert, is_expert=is_expert)
    user.set_unusable_password()
    user.save()
    recorder.record(actor=by, obj=user, action=Action.CREATE, changes={"_imported": True})
    return user


def _rename(user: User, full_name: str, by) -> None:
    before = user.full_name
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    recorder.record(actor=by, obj=user, action=Action.UPDATE, changes={"full_name": [before, full_name]})


class _Accounts:
    """The accounts of every carrier address of a plan, read in one query, created when missing."""

    def __init__(self, plan: Plan, by):
        emails = {e for item in plan.items for e in item.values["carrier_emails"]}
        users = User.objects.annotate(lower=Lower("email")).filter(lower__in=emails)
        self.by, self.known = by, {u.lower: u for u in users}

    def team(self, values: dict) -> list[User]:
        team = []
        for email, name in zip(values["carrier_emails"], values["carrier_names"], strict=True):
            user = self.known.get(email)
            if user is None:
                user = self.known[email] = _new_account(email, name, self.by)
            if user.is_active:
                team.append(user)
        return team


def _create_project(item: Item, programme, by, accounts: _Accounts) -> None:
    values = item.values
    team = accounts.team(values)
    project = project_create(
        programme=programme,
        by=by,
        name=values["name"],
        model=values["model"],
        summary=values["summary"],
        social_need=values["social_need"],
        sector=values["sector"],
        commune=values["commune"],
        carriers=team,
        stage_key=values["stage"],
        started_on=values["started_on"],
    )
    _keep_key(item, programme, ImportKind.PROJECTS, project.pk, linked=[u.pk for u in team])


def _update_project(item: Item, by, accounts: _Accounts) -> None:
    project: Project = item.target
    values = item.values
    fields = {name: values[name] for name in item.changed if name in plan_projects.UPDATABLE}
    if fields:
        project_update(project=project, by=by, **fields)
    linked = None
    if set(plan_projects.CARRIER_FIELDS) & set(item.changed):
        team = accounts.team(values)
        linked = [u.pk for u in team]
        dropped = set(item.import_key.linked) - set(linked)
        kept = [u for u in project.carriers.all() if u.pk not in dropped and u.pk not in linked]
        project_set_carriers(project=project, carriers=kept + team, by=by)
    _keep_key(item, project.programme, ImportKind.PROJECTS, project.pk, linked=linked)
