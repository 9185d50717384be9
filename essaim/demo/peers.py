"""Demo help board (issue 13 §3), run by `manage.py seed_demo`: on the board of the demo
carrier's programme (Alter'Incub), a question of the demo carrier answered by another carrier of
the programme and by the programme's team, whose answer the team recommends; and an offer of the
team (a monthly legal desk).

Deterministic (fixed texts) and idempotent: each post is looked up by its author and title, each
answer by its post and author; nothing is written when they exist. Everything goes through the
services, as the people who would write them.
"""

from django.db import transaction

from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.peers import services
from essaim.peers.models import Answer, Post

DOMAIN = "demo.essaim.fr"

QUESTION = {
    "kind": "question",
    "title": "Quel statut pour un tiers-lieu avec un café associatif ?",
    "body": (
        "Nous hésitons entre une association qui porte tout et une SCIC pour associer la commune. "
        "Qui est passé par là ? Qu'est-ce qui a compté pour vous ?"
    ),
    "skill": "legal",
    "sector": "Tiers-lieu",
    "stage": "emergence",
}
OFFER = {
    "kind": "offer",
    "title": "Permanence juridique le premier mardi du mois",
    "body": "Une juriste de l'URSCOP répond à vos questions de statuts et de gouvernance, sur rendez-vous.",
    "skill": "legal",
}
PEER_ANSWER = "Nous avons commencé en association, puis passé en SCIC au bout de deux ans : c'est faisable."
TEAM_ANSWER = (
    "La SCIC permet d'associer la commune au capital (jusqu'à 50 %). Voyez la fiche « choisir son statut » "
    "de la bibliothèque et venez à la permanence juridique."
)


def _post(author, board, fields) -> tuple[Post, int]:
    post = Post.objects.filter(author=author, title=fields["title"]).first()
    if post is not None:
        return post, 0
    return services.post_create(board=board, by=author, **fields), 1


def _answer(post, author, body) -> tuple[Answer, int]:
    answer = Answer.objects.filter(post=post, author=author).first()
    if answer is not None:
        return answer, 0
    return services.answer_create(post=post, by=author, body=body), 1


def seed(*, stdout=None) -> None:
    carrier = User.objects.filter(email=f"porteur@{DOMAIN}").first()
    project = (
        Project.objects.filter(carriers=carrier).select_related("programme").first() if carrier else None
    )
    if project is None:
        return
    programme = project.programme
    staff = (
        User.objects.filter(
            memberships__organisation_id=programme.organisation_id, email__endswith=f"@{DOMAIN}"
        )
        .order_by("pk")
        .first()
    )
    peer = (
        User.objects.filter(
            carried_projects__programme=programme, carried_projects__is_anonymised=False, is_active=True
        )
        .exclude(pk=carrier.pk)
        .order_by("pk")
        .first()
    )
    if staff is None:
        return
    created = 0
    with transaction.atomic():
        question, n = _post(carrier, programme, QUESTION)
        created += n
        if peer is not None:
            created += _answer(question, peer, PEER_ANSWER)[1]
        team_answer, n = _answer(question, staff, TEAM_ANSWER)
        created += n
        if not team_answer.is_recommended:
            services.answer_recommend(answer=team_answer, by=staff)
        created += _post(staff, programme, OFFER)[1]
    if stdout is not None:
        stdout.write(
            f"Entraide entre pairs : {created} message(s) et réponse(s) ajouté(s) ({programme.name}).\n"
        )
