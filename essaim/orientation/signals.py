"""Keep the orientation index fresh: any change to programmes, zones or organisations (their
names and e-mails are on the results page's cards) bumps its version."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from essaim.directory.models import Organisation, Programme, ZoneItem
from essaim.orientation.index import bump_version


def _changed(sender, **kwargs):
    bump_version()
    # Other processes may rebuild before the commit and read the old rows: bump again after.
    transaction.on_commit(bump_version)


def connect() -> None:
    for model in (Programme, ZoneItem, Organisation):
        post_save.connect(_changed, sender=model, dispatch_uid=f"orientation-index-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"orientation-index-{model.__name__}-delete")
