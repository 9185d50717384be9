"""Participants' pages of trade fairs, under /salons/: their fairs, their schedule and requests,
their sheet (PDF), and recording their meetings. The fair's staff reach the same pages for any
participant; anyone else gets a 404."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.fairs import selectors, services
from essaim.fairs.sheets import sheet_pdf
from essaim.fairs.workflows import MEETING
from essaim.web.events.common import run
from essaim.web.fairs import forms


def _invalid(request, form) -> None:
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))


@require_GET
def my_fairs(request):
    return render(
        request, "web/fairs/mine.html", {"participations": selectors.my_participations(request.user)}
    )


@require_GET
def participation(request, pk, participant_pk):
    participant = selectors.participant_for(request.user, participant_pk, event_pk=pk)
    meetings = selectors.schedule_of(participant)
    for meeting in meetings:
        meeting.event = participant.event
        meeting.moves = MEETING.available(meeting, request.user)
    counterparts = selectors.counterparts(participant)
    context = {
        "participant": participant,
        "event": participant.event,
        "meetings": meetings,
        "requests": participant.requests_made.select_related("target").order_by("priority", "pk"),
        "form": forms.RequestForm(counterparts=counterparts),
        "offers": [p for p in counterparts if p.offer_pk],
        "follow_up_form": forms.FollowUpForm(),
    }
    return render(request, "web/fairs/participation.html", context)


@require_POST
def request_add(request, pk, participant_pk):
    participant = selectors.participant_for(request.user, participant_pk, event_pk=pk)
    counterparts = selectors.counterparts(participant)
    form = forms.RequestForm(request.POST, counterparts=counterparts)
    if form.is_valid():
        target = next(p for p in counterparts if p.pk == form.cleaned_data["target"])
        action = lambda: services.request_create(  # noqa: E731
            requester=participant, target=target, by=request.user, priority=form.cleaned_data["priority"]
        )
        run(request, action, _("Demande de rendez-vous enregistrée."))
    else:
        _invalid(request, form)
    return redirect("fairs:participation", pk=pk, participant_pk=participant.pk)


@require_POST
def request_withdraw(request, pk, request_pk):
    found = selectors.request_for(request.user, request_pk, event_pk=pk)
    run(
        request,
        lambda: services.request_withdraw(meeting_request=found, by=request.user),
        _("Demande retirée."),
    )
    return redirect("fairs:participation", pk=pk, participant_pk=found.requester_id)


def _back(request, meeting):
    mine = [p for p in (meeting.buyer, meeting.supplier) if p.user_id == request.user.pk]
    if mine:
        return redirect("fairs:participation", pk=meeting.event_id, participant_pk=mine[0].pk)
    return redirect("fairs:grid", pk=meeting.event_id)


@require_POST
def meeting_move(request, pk, meeting_pk):
    meeting = selectors.meeting_for(request.user, meeting_pk, event_pk=pk)
    form = forms.MoveForm(request.POST)
    action = form.data.get("action", "")
    run(
        request,
        lambda: services.meeting_transition(meeting=meeting, by=request.user, action=action),
        _("C'est noté."),
    )
    return _back(request, meeting)


@require_POST
def meeting_follow_up(request, pk, meeting_pk):
    meeting = selectors.meeting_for(request.user, meeting_pk, event_pk=pk)
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        action = lambda: services.meeting_follow_up(meeting=meeting, by=request.user, **form.cleaned_data)  # noqa: E731
        run(request, action, _("Suite enregistrée."))
    else:
        _invalid(request, form)
    return _back(request, meeting)


@require_GET
def sheet(request, pk, participant_pk):
    participant = selectors.participant_for(request.user, participant_pk, event_pk=pk)
    response = HttpResponse(sheet_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="salon-{pk}-fiche-{participant.pk}.pdf"'
    return response
