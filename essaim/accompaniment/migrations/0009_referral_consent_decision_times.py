"""A referral's consent and decision times on the referral itself (the referral network reads them
instead of looking the activity log up per referral), filled from the log's first moves."""

from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def _first(Event, to_state):
    moves = Event.objects.filter(
        object_type="accompaniment.referral", action="transition", object_id=OuterRef("pk"), to_state=to_state
    )
    return Subquery(moves.order_by().values("object_id").annotate(first=Min("at")).values("first")[:1])


def fill_from_the_log(apps, schema_editor):
    Referral = apps.get_model("accompaniment", "Referral")
    Event = apps.get_model("audit", "Event")
    Referral.objects.update(consented_at=_first(Event, "proposed"))
    Referral.objects.filter(status__in=("accepted", "refused")).update(
        decided_at=_first(Event, OuterRef("status"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accompaniment", "0008_meeting_covering_index"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="consented_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="consentie le"),
        ),
        migrations.AddField(
            model_name="referral",
            name="decided_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="décidée le"),
        ),
        migrations.RunPython(fill_from_the_log, migrations.RunPython.noop),
    ]
