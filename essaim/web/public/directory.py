"""The directory search behind the page: place resolution, filters, one page of results.

The search reads the directory's in-memory index (`essaim/directory/index.py`, the same order
and counts as `search_programmes`), and each result is a card rendered once per programme and
language and kept in that index's memo: any edit of a programme, its zone or its organisation
starts a new index, whose memo is empty. Nothing is kept per search or per place.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.template.loader import get_template
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
# language → field → the field as web/_field.html renders it with nothing chosen. The choices are
# the study's vocabulary (code, not data): rendered once per process and language.
_blank_selects: dict[str, dict[str, str]] = {}


def select_fields(
    form: DirectoryFilterForm, kept: dict[str, str], errors: dict[str, str]
) -> dict[str, SafeString]:
    """The six choice fields of the filter form as `web/_field.html` renders them: from the blank
    rendering with the chosen option marked; a field with an error is rendered in full."""
    blank = _blank_selects.get(get_language())
    template = get_template("web/_field.html")
    if blank is None:
        empty = DirectoryFilterForm()
        blank = {name: template.render({"field": empty[name], "error": ""}) for name in SELECTS}
        _blank_selects[get_language()] = blank
    fields = {}
    for name in SELECTS:
        value = kept.get(name, "")
        if name in errors:
            fields[name] = SafeString(template.render({"field": form[name], "error": errors[name]}))
        elif value:
            chosen = f'<option value="{value}">'
            html = blank[name].replace('<option value="" selected>', '<option value="">', 1)
            fields[name] = SafeString(html.replace(chosen, f'<option value="{value}" selected>', 1))
        else:
            fields[name] = SafeString(blank[name])
    return fields
