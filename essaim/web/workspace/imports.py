"""Importer: a programme's staff bring a spreadsheet in, in three steps (docs/imports.md).

1. upload (`import_start`): the file is read and kept server-side (`StagedImport`, a day);
2. columns (`import_columns`): the first rows as they will be read, and the mapping guessed
   from the headers, editable; it travels in the query string, so the check is a plain read;
3. check (`import_check`): every problem, row by row, or what applying would do; applying is
   one POST that hands the file to the task worker (all or nothing there);
4. progress and report (`import_report`): queued, running (htmx polls the page; without
   JavaScript a plain "Actualiser" link reloads it), then done with the report, or failed with
   the problems — and nothing written.

Sample files per kind, CSV and XLSX, are served by `import_template`.

The programme comes from `accompaniment.selectors.programme_for` (404 for another programme),
the file through that programme (`imports.selectors.staged_import_for`, 404 for another
person's file); writes are `imports.services`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from essaim.accompaniment import rules
from essaim.accompaniment import selectors as programmes
from essaim.core.services import ensure
from essaim.imports import cells, reading, samples, selectors, services
from essaim.imports.checking import MAX_PROBLEMS_SHOWN
from essaim.imports.columns import columns_for, guess, mapping_problems, not_kept
from essaim.imports.models import ImportKind, ImportState
from essaim.web.workspace.views import form_errors

SHOWN_ITEMS = 200


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Le fichier contient"), choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier"),
        help_text=gettext_lazy(
            "CSV ou XLSX, 5 Mo et 5 000 lignes au plus ; la première ligne nomme les colonnes."
        ),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: the field it holds, or "not imported"."""

    def __init__(self, *args, staged, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Ne pas importer"))] + [(c.name, c.label) for c in columns_for(staged.kind)]
        for i, header in enumerate(staged.headers):
            self.fields[f"col-{i}"] = forms.ChoiceField(label=header, choices=choices, required=False)

    def mapping(self) -> list[str]:
        """The chosen field per column; an unknown choice counts as "not imported"."""
        if not self.is_bound:
            return [self.initial.get(name, "") for name in self.fields]
        data = self.cleaned_data if self.is_valid() else {}
        return [data.get(name, "") for name in self.fields]


def _mapping(query, staged) -> tuple[MappingForm, list[str]]:
    """The mapping the person chose (in `query`), else the one guessed from the headers."""
    if any(key.startswith("col-") for key in query):
        form = MappingForm(query, staged=staged)
        return form, form.mapping()
    guessed = guess(staged.headers, staged.kind)
    initial = {f"col-{i}": name for i, name in enumerate(guessed)}
    return MappingForm(initial=initial, staged=staged), guessed


def _staged(request, slug, pk):
    programme = programmes.programme_for(request.user, slug)
    return selectors.staged_import_for(request.user, programme, pk)


def _read(upload) -> bytes:
    """At most one byte past the limit: `reading.read` says the file is too large."""
    return upload.read(reading.MAX_BYTES + 1)


@require_http_methods(["GET", "POST"])
def import_start(request, slug):
    programme = programmes.programme_for(request.user, slug)
    ensure(rules.can_import_into_programme, request.user, programme)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = services.import_stage(
                by=request.user,
                programme=programme,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=_read(upload),
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return redirect("workspace:import_columns", slug=slug, pk=staged.pk)
    context = {
        "form": form,
        "programme": programme,
        "recent": selectors.recent_imports(programme),
        "samples": [(kind, ImportKind(kind).label) for kind in samples.SAMPLES],
    }
    return render(request, "workspace/imports/start.html", context, status=400 if form.errors else 200)


@require_GET
def import_columns(request, slug, pk):
    staged = _staged(request, slug, pk)
    if not staged.is_editable:
        return redirect("workspace:import_report", slug=slug, pk=pk)
    form, _chosen = _mapping(request.GET, staged)
    preview = [
        [cells.as_text(cells.from_json(c)) for c in row["cells"]]
        for row in staged.rows[: selectors.PREVIEW_ROWS]
    ]
    context = {
        "programme": staged.programme,
        "staged": staged,
        "form": form,
        "columns": [
            (field, header, not_kept(header)) for field, header in zip(form, staged.headers, strict=True)
        ],
        "preview": [(row["line"], values) for row, values in zip(staged.rows, preview, strict=False)],
        "fields": columns_for(staged.kind),
    }
    return render(request, "workspace/imports/columns.html", context)


@require_http_methods(["GET", "POST"])
def import_check(request, slug, pk):
    staged = _staged(request, slug, pk)
    if not staged.is_editable:
        return redirect("workspace:import_report", slug=slug, pk=pk)
    form, mapping = _mapping(request.POST if request.method == "POST" else request.GET, staged)
    errors = []
    if request.method == "POST":
        try:
            services.import_queue(by=request.user, staged=staged, mapping=mapping)
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("workspace:import_report", slug=slug, pk=pk)
    return _check_page(request, staged, form, mapping, errors)


def _check_page(request, staged, form, mapping, errors):
    problems = mapping_problems(mapping, staged.kind)
    plan = None if problems else selectors.plan_for(staged, mapping)
    if plan is not None:
        problems = [str(p) for p in plan.problems]
    context = {
        "programme": staged.programme,
        "staged": staged,
        "form": form,
        "query": "&".join(f"col-{i}={name}" for i, name in enumerate(mapping)),
        "mapping_ok": plan is not None,
        "problems": problems[:MAX_PROBLEMS_SHOWN],
        "hidden_problems": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
        "errors": errors,
        "plan": plan,
        "counts": plan.counts() if plan else {},
        "items": plan.items[:SHOWN_ITEMS] if plan else [],
    }
    return render(request, "workspace/imports/check.html", context, status=400 if errors else 200)


@require_GET
def import_report(request, slug, pk):
    """The import's progress (polled by htmx while it waits), then its report or its problems."""
    staged = _staged(request, slug, pk)
    if staged.state == ImportState.READY:
        return redirect("workspace:import_columns", slug=slug, pk=pk)
    report = staged.report or {}
    context = {
        "programme": staged.programme,
        "staged": staged,
        "report": report,
        "counts": report.get("counts", {}),
        "rows": len(staged.rows),
        "query": "&".join(f"col-{i}={name}" for i, name in enumerate(staged.mapping)),
    }
    return render(request, "workspace/imports/report.html", context)


@require_GET
def import_template(request, slug, kind, fmt):
    """A sample file of a kind (headers and two made-up rows), CSV as Excel FR writes it or XLSX."""
    programme = programmes.programme_for(request.user, slug)
    ensure(rules.can_import_into_programme, request.user, programme)
    if kind not in samples.SAMPLES or fmt not in samples.FORMATS:
        raise Http404(_("Modèle inconnu."))
    content, content_type = samples.render(kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{samples.filename(kind, fmt)}"'
    return response
