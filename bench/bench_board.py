"""Staff board of one programme with 2,000 projects and 20,000 meetings, SQLite, full request.

Each measured call is a GET of /espace/dispositifs/<slug>/ through Django's test client (middleware,
session, queries, template rendering), with five filter variants (`--profile`: a cProfile of 50 renders instead). Goal: median ≤ 150 ms, and a
query count that does not depend on the number of projects (also asserted in the test suite).
"""

import os
import random
import statistics
import sys
from datetime import timedelta

from _common import measure, measure_cpu, setup, summary

PROJECTS = 2000
MEETINGS = 20000


def main() -> None:
    setup("board")
    from django.conf import settings

    # The static manifest is built by collectstatic in production; plain storage is enough here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from essaim.accompaniment.models import Meeting, Project
    from essaim.accompaniment.pipelines import install as install_pipeline
    from essaim.accompaniment.selectors import programme_settings
    from essaim.accounts.models import Membership, User
    from essaim.directory.models import Organisation, Programme

    rng = random.Random(3)
    today = timezone.localdate()
    org = Organisation.objects.create(name="Incubateur du banc d'essai", slug="banc")
    programme = Programme.objects.create(
        organisation=org, slug="banc", name="Banc d'essai", kind="incubator", model="both"
    )
    staff = User.objects.create_user("banc@example.org", "x")
    # A team member: an admin would first be asked to set up two-factor authentication.
    Membership.objects.create(user=staff, organisation=org, role=Membership.Role.MEMBER)
    programme_settings(programme).save()
    stages = [
        *install_pipeline(programme, "carrier").stages.all(),
        *install_pipeline(programme, "generator").stages.all(),
    ]
    projects = []
    for i in range(PROJECTS):
        stage = rng.choice(stages)
        started = today - timedelta(days=rng.randint(10, 900))
        projects.append(
            Project(
                programme=programme,
                name=f"Projet {i:04d} {rng.choice(['épicerie', 'recyclerie', 'crèche', 'garage', 'café'])}",
                model=stage.pipeline.model,
                stage=stage,
                life_stage=stage.life_stage,
                status="active" if rng.random() < 0.9 else "abandoned",
                started_on=started,
                stage_entered_on=started + timedelta(days=rng.randint(0, 9)),
                sector="Réemploi",
            )
        )
    Project.objects.bulk_create(projects, batch_size=500)
    projects = list(Project.objects.filter(programme=programme))
    meetings, stats = [], {}
    for _ in range(MEETINGS):
        project = rng.choice(projects)
        day = today - timedelta(days=rng.randint(0, max(1, (today - project.started_on).days)))
        minutes = rng.choice([30, 60, 90, 120])
        meetings.append(Meeting(project=project, date=day, duration_minutes=minutes, kind="individual"))
        last, total = stats.get(project.pk, (None, 0))
        stats[project.pk] = (max(day, last) if last else day, total + minutes)
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    for project in projects:
        project.last_meeting_on, project.meeting_minutes = stats.get(project.pk, (None, 0))
    Project.objects.bulk_update(projects, ["last_meeting_on", "meeting_minutes"], batch_size=500)
    print(f"{Project.objects.count()} projets, {Meeting.objects.count()} rendez-vous", flush=True)

    client = Client()
    client.force_login(staff)
    url = f"/espace/dispositifs/{programme.slug}/"
    variants = [
        {},
        {"attention": "on"},
        {"stage": "incubation"},
        {"q": "recyclerie", "status": "all"},
        {"model": "generator", "page": "3"},
    ]

    def render(params):
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        return response

    for params in variants:
        with CaptureQueriesContext(connection) as queries:
            size = len(render(params).content)
        print(f"  {params or 'sans filtre'} : {len(queries)} requêtes SQL, {size // 1024} Kio", flush=True)
    if "--profile" in sys.argv:  # where a render's time goes (cProfile over 50 renders)
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(50):
            render(variants[i % len(variants)])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        pstats.Stats(profiler).print_callers("functional.py:224")
        return
    inputs = [variants[i % len(variants)] for i in range(100)]
    timings = measure(render, inputs, warmup=10)
    summary("tableau de bord (2 000 projets, 20 000 rendez-vous)", timings)
    for index, params in enumerate(variants):
        own = timings[index :: len(variants)]
        print(f"  {params or 'sans filtre'} : médiane {statistics.median(own):.1f} ms", flush=True)
    median = statistics.median(timings)
    print(f"médiane globale {median:.1f} ms (objectif ≤ 150 ms : {'OK' if median <= 150 else 'NON ATTEINT'})")
    cpu = measure_cpu(render, inputs, warmup=0)
    summary("tableau de bord, temps CPU (insensible à la charge de la machine)", cpu)
    print(f"charge de la machine (load average 1 min) : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs")


if __name__ == "__main__":
    main()
