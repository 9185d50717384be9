import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

try:  # refuse to start rather than answer 500 to every request
    settings.SECRET_KEY  # noqa: B018
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured(
        "SECRET_KEY est vide : définissez SECRET_KEY ou SECRET_KEY_FILE (make serve crée var/secret_key), "
        "voir docs/configuration.md."
    ) from exc
