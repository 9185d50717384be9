import io

from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import accompaniment, peers
from essaim.demo import accounts as accounts_demo
from essaim.peers.models import Answer, Post


def test_the_peers_demo_runs_after_accompaniment_and_is_idempotent(study):
    assert DEMO_MODULES.index("essaim.demo.peers") > DEMO_MODULES.index("essaim.demo.accompaniment")
    peers.seed()  # before the demo carrier's project: nothing written
    assert not Post.objects.exists()
    accounts_demo.seed()
    accompaniment.seed()
    out = io.StringIO()
    peers.seed(stdout=out)
    question = Post.objects.get(author__email="porteur@demo.essaim.fr")
    assert question.programme.slug == "alter-incub" and question.kind == "question"
    assert Post.objects.filter(kind="offer").count() == 1
    assert Answer.objects.filter(post=question).count() == 2
    assert Answer.objects.filter(post=question, recommended_at__isnull=False).count() == 1
    before = (
        Post.objects.count(),
        Answer.objects.count(),
        list(Answer.objects.values_list("recommended_at")),
    )
    peers.seed(stdout=io.StringIO())
    after = (Post.objects.count(), Answer.objects.count(), list(Answer.objects.values_list("recommended_at")))
    assert before == after
