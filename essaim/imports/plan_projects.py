"""The plan of a projects import: one row per project, keyed by the file's "référence", with its
carriers (e-mails and names in one cell each, in the same order)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import ProgrammePipeline, Project
from essaim.accompaniment.pipelines import TEMPLATE_FOR_MODEL
from essaim.core.text import normalise
from essaim.directory.enums import LifeStage
from essaim.imports import cells
from essaim.imports.checking import Item, Plan, RowReader, compare, digests_of, duplicate
from essaim.imports.models import ImportKey, ImportKind
from essaim.territories import resolver
from essaim.territories.models import Commune

MODELS = {
    ProjectModel.CARRIER: (
        "Accompagnement de porteurs",
        "porteurs",
        "porteur",
        "accompagnement",
        "incubation",
        "carrier",
    ),
    ProjectModel.GENERATOR: (
        "Générateur de projets",
        "générateur",
        "fabrique",
        "fabrique à initiatives",
        "generator",
    ),
}
LONG_TEXT = 5000
# Fields `project_update` changes; the model, the stage and the start date are set at creation.
UPDATABLE = ("name", "summary", "social_need", "sector", "commune")
CARRIER_FIELDS = ("carrier_emails", "carrier_names")


class _Stages:
    """The stages a row may name, per model: the programme's pipeline, or the template it will copy."""

    def __init__(self, programme):
        self.programme = programme
        self.by_model: dict[str, dict[str, str]] = {}
        self.shown: dict[str, str] = {}  # per model, the stages' names as a message lists them

    def names(self, model: str) -> dict[str, str]:
        if model not in self.by_model:
            pipeline = ProgrammePipeline.objects.filter(programme=self.programme, model=model).first()
            if pipeline is not None:
                stages = [
                    (s.key, s.name, s.life_stage, s.is_creation)
                    for s in pipeline.stages.filter(is_archived=False).order_by("position")
                ]
            else:
                stages = [
                    (s.key, str(s.name), s.life_stage, s.is_creation)
                    for s in TEMPLATE_FOR_MODEL[model].stages
                ]
            found: dict[str, str] = {}
            self.shown[model] = ", ".join(f"« {name} »" for _key, name, _l, _c in stages)
            for key, name, life_stage, is_creation in stages:
                found.setdefault(normalise(name), key)
                found.setdefault(normalise(key), key)
                if not is_creation:
                    found.setdefault(normalise(str(LifeStage(life_stage).label)), key)
            self.by_model[model] = found
        return self.by_model[model]

    def resolve(self, reader: RowReader, model: str) -> str | None:
        typed = reader.read("stage", cells.text, max_length=120)
        if not typed:
            return None
        names = self.names(model)
        key = names.get(normalise(typed))
        if key is None:
            known = self.shown[model]
            reader.problem(
                "stage",
                _("étape inconnue « %(text)s » dans le parcours du dispositif (étapes : %(known)s).")
                % {"text": typed, "known": known},
            )
        return key


class _Communes:
    def __init__(self):
        self.memo: dict[str, tuple[str | None, str]] = {}

    def resolve(self, reader: RowReader):
        typed = reader.read("commune", cells.text, max_length=resolver.MAX_LENGTH)
        if not typed:
            return None
        if typed not in self.memo:
            result = resolver.resolve(typed)
            code = result.place.code if result.place else None
            self.memo[typed] = (code, "" if code else result.explained)
        code, error = self.memo[typed]
        if code is None:
            reader.problem("commune", error)
        return code


def _carriers(reader: RowReader) -> list[tuple[str, str]]:
    emails = reader.read("carrier_emails", cells.emails) or []
    names = [name[:150] for name in cells.items(reader.row.get("carrier_names"))]
    for name in names[len(emails) :]:
        reader.problem("carrier_emails", _("le porteur « %(name)s » n'a pas de courriel.") % {"name": name})
    return [(email, names[i] if i < len(names) else "") for i, email in enumerate(emails)]


def _clean(reader: RowReader, stages: _Stages, communes: _Communes) -> dict:
    model = reader.read("model", cells.choice, options=MODELS) or ProjectModel.CARRIER
    values = {
        "reference": reader.read("reference", cells.text, required=True, max_length=100),
        "name": reader.read("name", cells.text, required=True, max_length=200),
        "model": model,
        "stage": stages.resolve(reader, model),
        "summary": reader.read("summary", cells.text, max_length=LONG_TEXT, multiline=True) or "",
        "social_need": reader.read("social_need", cells.text, max_length=LONG_TEXT, multiline=True) or "",
        "sector": reader.read("sector", cells.text, max_length=120) or "",
        "commune": communes.resolve(reader),
        "started_on": reader.read("started_on", cells.date),
    }
    carriers = _carriers(reader)
    values["carrier_emails"] = [email for email, _name in carriers]
    values["carrier_names"] = [name for _email, name in carriers]
    return values


def plan(*, programme, rows: list[dict], columns: dict[str, str]) -> Plan:
    """What importing `rows` into `programme` would do (reads only)."""
    result = Plan(ImportKind.PROJECTS)
    keys = {k.key.lower(): k for k in ImportKey.objects.filter(programme=programme, kind=ImportKind.PROJECTS)}
    stages, communes, seen = _Stages(programme), _Communes(), {}
    readers = []
    for row in rows:
        reader = RowReader(row, columns, ImportKind.PROJECTS, result.problems)
        values = _clean(reader, stages, communes)
        duplicate(seen, values["reference"] or "", reader, "reference")
        readers.append((reader, values))
    wanted = [
        keys[v["reference"].lower()].target_id for _r, v in readers if (v["reference"] or "").lower() in keys
    ]
    projects = Project.objects.filter(programme=programme).in_bulk(wanted)
    places = Commune.objects.in_bulk([v["commune"] for _r, v in readers if v["commune"]])
    for reader, values in readers:
        if reader.failed:
            continue
        values["commune"] = places.get(values["commune"]) if values["commune"] else None
        present = {name for name in values if reader.has(name)} | (
            set(CARRIER_FIELDS) if reader.has("carrier_emails") else set()
        )
        item = Item(reader.line, values["reference"], values["name"], values, digests_of(values, present))
        import_key = keys.get(values["reference"].lower())
        compare(item, import_key, projects.get(import_key.target_id) if import_key else None)
        _check_update(item, reader)
        result.items.append(item)
    return result


def _check_update(item: Item, reader: RowReader) -> None:
    project = item.target
    if item.outcome != "updated":
        return
    if "model" in item.changed and item.values["model"] != project.model:
        reader.problem(
            "model",
            _("le modèle d'un projet déjà importé ne change pas (dans Essaim : « %(model)s »).")
            % {"model": project.get_model_display()},
        )
    if {"stage", "started_on"} & set(item.changed):
        item.notes.append(
            _("étape et date de début inchangées : elles se modifient depuis la fiche du projet.")
        )
