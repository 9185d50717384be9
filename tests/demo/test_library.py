import io

from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import accompaniment, library
from essaim.demo import accounts as accounts_demo
from essaim.library.models import Resource, Reuse


def test_the_library_demo_runs_after_accompaniment_and_is_idempotent(study):
    assert DEMO_MODULES.index("essaim.demo.library") > DEMO_MODULES.index("essaim.demo.accompaniment")
    library.seed()  # before the demo accounts: nothing written
    assert not Resource.objects.exists()
    accounts_demo.seed()
    accompaniment.seed()
    out = io.StringIO()
    library.seed(stdout=out)
    assert "4 ressource(s) et reprise(s)" in out.getvalue()
    published = Resource.objects.filter(state="published")
    assert sorted(published.values_list("programme__slug", "kind")) == [
        ("alter-incub", "checklist"),
        ("antropia", "financing_template"),
        ("la-fabrique-a-initiatives", "selection_grid"),
    ]
    reuse = Reuse.objects.select_related("resource__programme", "programme", "stage").get()
    assert (reuse.resource.programme.slug, reuse.programme.slug, reuse.mode) == (
        "alter-incub",
        "antropia",
        "checklist",
    )
    assert [i["label"] for i in reuse.stage.checklist][-4:] == library.FEASIBILITY["items"]
    before = (list(Resource.objects.values_list("pk", "version")), list(Reuse.objects.values_list("pk")))
    out = io.StringIO()
    library.seed(stdout=out)
    assert "0 ressource(s)" in out.getvalue()
    assert (
        list(Resource.objects.values_list("pk", "version")),
        list(Reuse.objects.values_list("pk")),
    ) == before
