"""Reads of the help board: each person sees the boards they belong to; hidden posts and answers
only for their moderators and their author; a child answer only under its own post."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from essaim.core.errors import PermissionDenied
from essaim.peers import selectors, services
from tests.peers.factories import QUESTION


def _ids(user, **filters):
    return {p.pk for p in selectors.posts_for(user, **filters)}


def test_each_person_sees_their_boards(w):
    both = {w.post_a.pk, w.post_e.pk}
    assert _ids(w.ca) == both
    assert _ids(w.a_staff) == both
    assert _ids(w.cb) == {w.post_e.pk}
    assert _ids(w.b_staff) == {w.post_e.pk}
    assert _ids(w.co) == set() and _ids(w.o_staff) == set()
    assert _ids(AnonymousUser()) == set()


def test_filters(w):
    assert _ids(w.ca, board=f"programme:{w.pa.pk}") == {w.post_a.pk}
    assert _ids(w.ca, board=f"ecosystem:{w.eco.pk}") == {w.post_e.pk}
    assert _ids(w.ca, board="nonsense") == set()
    assert _ids(w.ca, kind="offer") == {w.post_e.pk}
    assert _ids(w.ca, skill="legal", stage="emergence") == {w.post_a.pk}
    assert _ids(w.ca, q="camion") == {w.post_e.pk}


def test_a_hidden_post_is_seen_by_its_moderators_and_author_only(w):
    services.post_moderate(post=w.post_a, name="hide", by=w.a_staff)
    assert w.post_a.pk in _ids(w.a_staff)
    assert w.post_a.pk in _ids(w.ca)
    assert w.post_a.pk not in _ids(w.ca2)
    with pytest.raises(Http404):
        selectors.post_for(w.ca2, w.post_a.pk)


def test_post_for_404_outside_403_when_moderating_without_the_right(w):
    with pytest.raises(Http404):
        selectors.post_for(w.cb, w.post_a.pk)
    assert selectors.post_for(w.ca2, w.post_a.pk) == w.post_a
    with pytest.raises(PermissionDenied):
        selectors.post_for(w.ca2, w.post_a.pk, moderate=True)
    assert selectors.post_for(w.a_staff, w.post_a.pk, moderate=True) == w.post_a


def test_answers_hidden_and_through_their_post(w):
    shown = services.answer_create(post=w.post_a, by=w.ca2, body="Oui")
    hidden = services.answer_create(post=w.post_a, by=w.a_staff, body="Non")
    services.answer_moderate(answer=hidden, name="hide", by=w.a_staff)
    assert [a.pk for a in selectors.answers_of(w.ca, w.post_a)] == [shown.pk]
    assert {a.pk for a in selectors.answers_of(w.a_staff, w.post_a)} == {shown.pk, hidden.pk}
    other = services.post_create(board=w.pa, by=w.ca2, **QUESTION)
    with pytest.raises(Http404):
        selectors.answer_for(w.ca, other, shown.pk)
    assert selectors.answer_for(w.ca, w.post_a, shown.pk) == shown


def test_recommended_answers_come_first(w):
    first = services.answer_create(post=w.post_a, by=w.ca2, body="Premier")
    second = services.answer_create(post=w.post_a, by=w.a_staff, body="Second")
    services.answer_recommend(answer=second, by=w.a_staff)
    assert [a.pk for a in selectors.answers_of(w.ca, w.post_a)] == [second.pk, first.pk]
