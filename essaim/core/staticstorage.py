"""Static files in production: whitenoise's compressed, hashed files, with each file's address
computed once per process (issue 15).

`ManifestStaticFilesStorage.url()` looks the name up in the manifest, then splits and joins
URLs on every call: about 40 µs, four times on every page (`base.html`'s icon, style sheet and
scripts). The manifest is read once at start and never changes while a process runs, so the
address of a name does not either; `collectstatic` is followed by a restart. Names not in the
manifest raise as before (and are not remembered).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
