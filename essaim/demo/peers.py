"""Demo help board (issue 13 §3), run by `manage.py seed_demo`: on the board of the demo
carrier's programme (Alter'Incub), a question of the demo carrier answered by another carrier of
the programme and by the programme's team, whose answer the team recommends; and an offer of the
team (a monthly legal desk); a peer circle of the programme with the two carriers and one
meeting three weeks ago (counted as a collective meeting in their projects); and, in La Ruche's
register of pooled resources, a van the demo carrier shares with the place's members.

Deterministic (fixed texts) and idempotent: each post is looked up by its author and title, each
answer by its post and author, the circle by its name (its meeting only with it), the pooled
resource by its title; nothing is written when they exist. Everything goes through the
services, as the people who would write them.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.directory.models import Programme
from essaim.peers import rules, services
from essaim.peers.models import Answer, Circle, PooledResource, Post

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
        created += _circle(programme, staff, [carrier, *([peer] if peer else [])])
        created += _pooled(carrier)
    if stdout is not None:
        stdout.write(
            f"Entraide entre pairs : {created} message(s) et réponse(s) ajouté(s) ({programme.name}).\n"
        )


CIRCLE = "Cercle des lieux partagés"
POOLED = {
    "kind": "equipment",
    "title": "Utilitaire 9 places",
    "description": "Disponible le week-end pour les membres du lieu ; réservation par courriel, carburant à votre charge.",
}


def _circle(programme, staff, carriers) -> int:
    if Circle.objects.filter(programme=programme, name=CIRCLE).exists():
        return 0
    circle = services.circle_create(
        programme=programme, by=staff, name=CIRCLE, purpose="Porteurs de tiers-lieux et de lieux partagés."
    )
    for carrier in carriers:
        services.circle_member_add(circle=circle, by=staff, member=carrier)
    services.circle_meeting_record(
        circle=circle,
        by=staff,
        date=timezone.localdate() - dt.timedelta(days=21),
        duration_minutes=120,
        topic="Modèle économique d'un café associatif",
        attendees=carriers,
    )
    return 1


def _pooled(carrier) -> int:
    place = Programme.objects.filter(slug="la-ruche").first()
    if place is None or PooledResource.objects.filter(place=place, title=POOLED["title"]).exists():
        return 0
    if not rules.can_offer_pooled(carrier, place):
        return 0
    services.pooled_create(register=place, by=carrier, **POOLED)
    return 1
