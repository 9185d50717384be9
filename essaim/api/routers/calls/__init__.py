"""Calls for projects in the API, at the root (`/calls…`, `/applications…`, `/reviews…`),
registered with one line in main.py; one module per entity.

The same services and selectors as the workspace pages (`essaim.calls.services`,
`essaim.calls.selectors`): an object the caller may not see is a 404, one they may see but
not act on a 403 (a predicate of `essaim.calls.rules`).
"""

from ninja import Router

from essaim.api.routers.calls import applications, calls, reviews

router = Router()
router.add_router("", calls.router)
router.add_router("", applications.router)
router.add_router("", reviews.router)
