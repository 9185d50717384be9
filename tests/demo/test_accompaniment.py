from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Meeting, PipelineStage, Project, Referral, StageTransition
from essaim.accompaniment.workflows import PIPELINE, REFERRAL
from essaim.audit.models import Event
from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import accompaniment as demo
from essaim.demo import accounts as accounts_demo
from essaim.demo.history import RURAL_BELOW
from essaim.directory.models import ZoneItem
from essaim.directory.selectors import zone_q


def test_demo_is_complete_and_idempotent(study):
    accounts_demo.seed()
    demo.seed()
    programmes = {p.programme.slug for p in Project.objects.select_related("programme")}
    assert programmes == {
        "alter-incub",
        "antropia",
        "apeas",
        "district-solidaire",
        "inter-made",
        "la-fabrique-a-initiatives",
        "realis",
        "replic",
    }
    for slug in programmes:
        assert Project.objects.filter(programme__slug=slug).count() >= 5
    # five per model each programme runs (REALIS runs both), and the demo carrier's own project
    counts = {slug: Project.objects.filter(programme__slug=slug).count() for slug in programmes}
    assert counts == dict.fromkeys(programmes, 5) | {"realis": 10, "alter-incub": 6}
    assert set(Project.objects.values_list("model", flat=True)) == {"carrier", "generator"}
    all_keys = set(PipelineStage.objects.values_list("key", flat=True))
    assert set(Project.objects.values_list("stage__key", flat=True)) == all_keys
    assert Project.objects.filter(carriers__email="porteur@demo.essaim.fr").count() == 1
    assert (
        Referral.objects.filter(
            status=ReferralStatus.AWAITING_CONSENT, project__carriers__email="porteur@demo.essaim.fr"
        ).count()
        == 1
    )
    assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).count() == 1
    assert Meeting.objects.count() > 100
    assert Meeting.objects.count() == 275  # dates are relative to today: the same journeys every day
    # the journeys are real workflow moves: one logged event per stage entered after creation
    moves = StageTransition.objects.exclude(from_stage=None).count()
    assert moves > 0
    assert Event.objects.filter(workflow=PIPELINE.name).count() == moves
    assert Event.objects.filter(workflow=REFERRAL.name).count() == 2  # consent, accept
    assert "essaim.demo.accompaniment" in DEMO_MODULES
    # the journeys are real workflow moves: one logged event per stage entered after creation
    moves = StageTransition.objects.exclude(from_stage=None).count()
    assert moves > 0
    assert Event.objects.filter(workflow=PIPELINE.name).count() == moves
    assert Event.objects.filter(workflow=REFERRAL.name).count() == 2  # consent, accept
    assert "essaim.demo.accompaniment" in DEMO_MODULES
    counts = (Project.objects.count(), Meeting.objects.count(), Referral.objects.count())
    demo.seed()
    assert (Project.objects.count(), Meeting.objects.count(), Referral.objects.count()) == counts


def test_demo_projects_belong_to_their_programme_territory(study):
    accounts_demo.seed()
    demo.seed()
    rows = list(Project.objects.values_list("programme__slug", "name", "commune_id", "commune__population"))
    rural_only = {"Conciergerie rurale", "Maraîchage bio partagé", "Micro-crèche associative"}
    urban_only = {"Conciergerie de quartier", "Ferme urbaine partagée", "Crèche coopérative"}
    assert not [r for r in rows if r[1] in rural_only and (r[3] or 0) >= RURAL_BELOW]
    assert not [r for r in rows if r[1] in urban_only and r[3] is not None and r[3] < RURAL_BELOW]
    # Paris hosts a neighbourhood concierge service at most, never a rural one
    assert ("Conciergerie rurale", "75056") not in {(r[1], r[2]) for r in rows}
    # every project's commune lies in its programme's zone (where the test referential has it)
    for slug, _name, commune_id, _population in rows:
        if commune_id is not None:
            zone = ZoneItem.objects.filter(programme__slug=slug).filter(zone_q("commune", commune_id))
            assert zone.exists(), (slug, commune_id)
