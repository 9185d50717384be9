from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Meeting, PipelineStage, Project, Referral, StageTransition
from essaim.accompaniment.workflows import PIPELINE, REFERRAL
from essaim.audit.models import Event
from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import accompaniment as demo
from essaim.demo import accounts as accounts_demo


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
