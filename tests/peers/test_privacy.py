from essaim.accounts import privacy
from essaim.peers import services
from essaim.peers.models import Answer, Post, Report


def test_export_and_erasure_of_a_persons_posts_answers_and_reports(w):
    answer = services.answer_create(post=w.post_e, by=w.ca, body="Je suis intéressée par le camion.")
    services.report_create(post=w.post_e, by=w.ca, reason="Doublon")
    services.answer_recommend(answer=answer, by=w.a_staff)
    data = privacy.personal_data_export(user=w.ca)
    assert data["peers"]["peer_posts"][0]["title"] == w.post_a.title
    assert data["peers"]["peer_answers"][0]["body"].startswith("Je suis intéressée")
    assert data["peers"]["peer_reports"][0]["reason"] == "Doublon"
    privacy.account_erase(user=w.ca)
    assert not Post.objects.filter(author=w.ca).exists()
    assert not Answer.objects.filter(author=w.ca).exists()
    assert not Report.objects.filter(by=w.ca).exists()
    assert Post.objects.filter(pk=w.post_e.pk).exists()


def test_the_peer_opt_in_is_exported_and_erased(w):
    from essaim.peers.models import PeerProfile

    services.peer_visibility_set(by=w.cb, visible=True)
    data = privacy.personal_data_export(user=w.cb)
    assert data["peers"]["peer_profile"][0]["visible"] is True
    privacy.account_erase(user=w.cb)
    assert not PeerProfile.objects.filter(user=w.cb).exists()


def test_circles_and_pooled_resources_are_exported_and_erased(w):
    import datetime as dt

    from essaim.peers.models import Circle, CircleMeeting, PooledResource

    circle = services.circle_create(programme=w.pa, by=w.a_staff, name="Cercle")
    services.circle_member_add(circle=circle, by=w.a_staff, member=w.ca)
    services.circle_meeting_record(
        circle=circle,
        by=w.a_staff,
        date=dt.date(2026, 1, 10),
        duration_minutes=60,
        topic="x",
        attendees=[w.ca],
    )
    services.pooled_create(register=w.eco, by=w.ca, kind="equipment", title="Perceuse", description="Oui.")
    data = privacy.personal_data_export(user=w.ca)
    assert data["peers"]["peer_circles"] == ["Cercle"]
    assert data["peers"]["pooled_resources"][0]["title"] == "Perceuse"
    privacy.account_erase(user=w.ca)
    assert not Circle.objects.filter(members=w.ca).exists()
    assert not CircleMeeting.objects.filter(attendees=w.ca).exists()
    assert not PooledResource.objects.filter(offered_by=w.ca).exists()
