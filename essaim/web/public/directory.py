"""The directory search behind the page: place resolution, filters, one page of results."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.http import urlencode

from essaim.directory.selectors import (
    CHOICE_FILTERS,
    parse_filters,
    search_programmes,
    zone_in_words,
    zone_places,
)
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

    `page.rows` holds (programme, zone in words) pairs; zone names come in one query per level.
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
        page = Paginator(search_programmes(result.filters), PAGE_SIZE).get_page(params.get("page"))
        places = zone_places(page.object_list)
        page.rows = [(p, zone_in_words(places[p.pk])) for p in page.object_list]
    kept = {"place": choice.text, "territory": choice.ref, "q": result.filters.q}
    kept |= {name: params.get(name, "") for name in CHOICE_FILTERS}
    return DirectorySearch(choice=choice, errors=errors, kept=kept, page=page)
