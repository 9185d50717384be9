"""The directory search behind the page: place resolution, filters, one page of results.

The search reads the directory's in-memory index (`essaim/directory/index.py`, the same order
and counts as `search_programmes`), and each result is a card rendered once per programme and
language and kept in that index's memo: any edit of a programme, its zone or its organisation
starts a new index, whose memo is empty. Nothing is kept per search or per place.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from essaim.directory import index as directory_index
from essaim.directory.selectors import (
    CHOICE_FILTERS,
    parse_filters,
    programmes_in,
    zone_in_words,
    zone_places,
)
from essaim.web.public.forms import DirectoryFilterForm
from essaim.web.public.places import PlaceChoice, resolve_place

PAGE_SIZE = 25


@dataclass
class DirectorySearch:
    choice: PlaceChoice
    errors: dict[str, str]
    kept: dict[str, str]
    page: Page | None

    @property
    def querystring(self) -> str:
        """The canonical search (resolved place, no empty fields), without the page number."""
        return urlencode([(key, value) for key, value in self.kept.items() if value])

    @property
    def querystring_without_place(self) -> str:
        """The other filters, for links that choose another place."""
        return urlencode(
            [(key, value) for key, value in self.kept.items() if value and key not in ("place", "territory")]
        )

    @property
    def url_query(self) -> str:
        """The canonical search with the page number when past the first page."""
        if self.page is None or self.page.number == 1:
            return self.querystring
        return f"{self.querystring}&page={self.page.number}".lstrip("&")


def directory_search(params) -> DirectorySearch:
    """Validate the GET parameters and, if they are valid, fetch one page of programmes.

    `page.rows` holds (entry, card) pairs: the index's entry (slug, name…) and its rendered card.
    """
    choice = resolve_place(params.get("place", ""), params.get("territory", ""))
    params = params.copy()
    params["territory"] = choice.ref
    result = parse_filters(params)
    errors = dict(result.errors)
    if choice.error:
        errors["place"] = choice.error
    page = None
    if not errors:
        hits = directory_index.search(result.filters)
        page = Paginator(hits, PAGE_SIZE).get_page(params.get("page"))
        cards = cards_for(hits.index, [entry.pk for entry in page.object_list])
        page.rows = [(entry, cards[entry.pk]) for entry in page.object_list if entry.pk in cards]
    kept = {"place": choice.text, "territory": choice.ref, "q": result.filters.q}
    kept |= {name: params.get(name, "") for name in CHOICE_FILTERS}
    kept["ecosystem"] = params.get("ecosystem", "")
    return DirectorySearch(choice=choice, errors=errors, kept=kept, page=page)


def cards_for(index, pks: list[int]) -> dict[int, SafeString]:
    """pk → its result card in the active language, from the index's memo; the missing ones are
    rendered in one query for the programmes and one per zone level for the names."""
    memo = index.memo.setdefault(("directory-card", get_language()), {})
    missing = [pk for pk in pks if pk not in memo]
    if missing:
        template = get_template("web/directory/_card.html")
        programmes = list(programmes_in(missing))
        places = zone_places(programmes)
        for programme in programmes:
            context = {"programme": programme, "zone_words": zone_in_words(places[programme.pk])}
            memo[programme.pk] = SafeString(template.render(context))
    return memo


SELECTS = ("family", "stage", "need", "public", "kind", "model")
TEXTS = ("q",)
# language → field → the field as web/_field.html renders it with nothing chosen. The choices are
# the study's vocabulary (code, not data): rendered once per process and language. The
# ecosystems' field lists data: its blank rendering is kept in the directory index's memo, beside
# the choices it shows (`ecosystem_choices`), and goes with them.
_blank_fields: dict[str, dict[str, str]] = {}


def _blanks(template) -> dict[str, str]:
    blank = _blank_fields.get(get_language())
    if blank is None:
        empty = DirectoryFilterForm()
        blank = {name: template.render({"field": empty[name], "error": ""}) for name in SELECTS + TEXTS}
        blank["territory"] = str(empty["territory"])
        _blank_fields[get_language()] = blank
    memo = directory_index.get_index().memo
    key = ("ecosystem-field", get_language())
    if key not in memo:
        memo[key] = template.render({"field": DirectoryFilterForm()["ecosystem"], "error": ""})
    return {**blank, "ecosystem": memo[key]}


def select_fields(
    form: DirectoryFilterForm, kept: dict[str, str], errors: dict[str, str]
) -> dict[str, SafeString]:
    """The filter form's fields but the place, as `web/_field.html` renders them (the territory
    as its hidden input): from the blank rendering with the chosen option marked or the value
    set; a field with an error is rendered in full."""
    template = get_template("web/_field.html")
    blank = _blanks(template)
    fields = {}
    for name, html in blank.items():
        value = kept.get(name, "")
        if name in errors and name != "territory":
            fields[name] = SafeString(template.render({"field": form[name], "error": errors[name]}))
        elif not value:
            fields[name] = SafeString(html)
        elif name in TEXTS or name == "territory":
            attribute = f'name="{name}"'
            fields[name] = SafeString(html.replace(attribute, f'{attribute} value="{escape(value)}"', 1))
        else:
            value = escape(value)
            html = html.replace('<option value="" selected>', '<option value="">', 1)
            fields[name] = SafeString(
                html.replace(f'<option value="{value}">', f'<option value="{value}" selected>', 1)
            )
    return fields


@dataclass(frozen=True)
class PlaceField:
    """The place field as the directory template reads it (`form.place`)."""

    label: str
    help_text: str
    value: str
    id_for_label: str = "id_place"


@dataclass(frozen=True)
class FilterForm:
    """What the directory template reads of its filter form when nothing is wrong: building the
    Django form (ten fields deep-copied, their choices set) cost a fifth of the page (issue 15).
    With errors, the view builds the real `DirectoryFilterForm`, which renders them."""

    initial: dict
    place_error: str = ""

    @property
    def place(self) -> PlaceField:
        field = DirectoryFilterForm.base_fields["place"]
        return PlaceField(str(field.label), str(field.help_text), self.initial.get("place", ""))

    def errors_by_field(self) -> list[tuple[str, str]]:
        return [(name, "") for name in DirectoryFilterForm.base_fields if name != "territory"]


def filter_form(found: DirectorySearch):
    """The form the page shows: the light one, or the real one when a field is wrong."""
    if found.errors:
        return DirectoryFilterForm(initial=found.kept, errors=found.errors)
    return FilterForm(initial=found.kept)
