"""Page-number pagination shared by every list endpoint.

    page = parse_page(request.GET, errors)          # collects "page"/"page_size" errors
    ...                                              # validate the other parameters into `errors`
    if errors: raise bad_request(errors)
    body = paginate(request, queryset, page)         # {"count", "next", "previous", "results"}

`results` holds the page's objects; the caller turns them into dicts. Two queries at most:
one COUNT, one for the page's rows (plus whatever prefetches the queryset declares).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.translation import gettext as _

from essaim.api.errors import ApiError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class PageRequest:
    number: int = 1
    size: int = DEFAULT_PAGE_SIZE


def _positive_int(value: str) -> int | None:
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if number >= 1 else None


def parse_page(params, errors: dict[str, str], *, max_size: int = MAX_PAGE_SIZE) -> PageRequest:
    """Read `page` and `page_size`; a bad value adds a French message to `errors`."""
    number, size = 1, DEFAULT_PAGE_SIZE
    raw = params.get("page")
    if raw not in (None, ""):
        number = _positive_int(raw)
        if number is None:
            errors["page"] = _("Numéro de page attendu : un entier supérieur ou égal à 1.")
            number = 1
    raw = params.get("page_size")
    if raw not in (None, ""):
        size = _positive_int(raw)
        if size is None or size > max_size:
            errors["page_size"] = _("Taille de page attendue : un entier entre 1 et %(max)s.") % {
                "max": max_size
            }
            size = DEFAULT_PAGE_SIZE
    return PageRequest(number, size)


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    query = urlencode(sorted(params.lists()), doseq=True)
    return request.build_absolute_uri(f"{request.path}?{query}")


def paginate(request: HttpRequest, queryset, page: PageRequest) -> dict:
    """The page as `{"count", "next", "previous", "results"}`; a page past the end is a 404 (a
    well-formed number, as OpenAPI allows, of a page that does not exist)."""
    count = queryset.count()
    last = max(1, -(-count // page.size))
    if page.number > last:
        message = _("Cette page n'existe pas : il y a %(last)s page(s).") % {"last": last}
        raise ApiError(404, _("Page introuvable."), {"page": message})
    start = (page.number - 1) * page.size
    results = list(queryset[start : start + page.size])
    return {
        "count": count,
        "next": _page_url(request, page.number + 1) if page.number < last else None,
        "previous": _page_url(request, page.number - 1) if page.number > 1 else None,
        "results": results,
    }
