"""Service errors that reach the web layer uncaught become pages, in one place.

Views catch a service's `ValidationError` when they can show it beside a form; one that they
do not catch (a workflow move refused by a guard, a stale button) is answered with the 400
page and its message, never a 500. `PermissionDenied` is Django's own 403. The API maps the
same pair to JSON in `essaim.api.errors`.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from essaim.core.errors import messages_of


class ServiceErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ValidationError):
            return render(request, "400.html", {"messages_list": messages_of(exception)}, status=400)
        return None
