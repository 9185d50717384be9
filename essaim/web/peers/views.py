"""The help board's pages, under /espace/entraide/ (docs/peers.md): the posts of the person's
boards, a post with its answers, posting, answering, recommending, reporting and moderating.
Posts come from `essaim.peers.selectors.post_for` (a post of another board is a 404), answers
through their post (`answer_for`)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.core.errors import PermissionDenied, ValidationError
from essaim.peers import community, matching, rules, selectors, services
from essaim.peers.models import PeerProfile
from essaim.peers.workflows import ANSWER, POST
from essaim.web.events.forms import add_service_errors
from essaim.web.peers import forms

PER_PAGE = 20


def _attempt(form, action):
    try:
        return action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@require_GET
def post_list(request):
    boards = community.boards_for_posting(request.user)
    form = forms.FilterForm(request.GET or None, boards=boards)
    posts = selectors.posts_for(request.user, **form.filters())
    page = Paginator(posts, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/peers/list.html", {"form": form, "page": page, "boards": boards})


def _detail(request, post, *, answer_form=None, report_form=None, status=200):
    user = request.user
    answers = list(selectors.answers_of(user, post))
    moderates = rules.can_moderate(user, post)
    for answer in answers:
        answer.post = post  # the predicates read the post: no query per answer
        answer.moves = ANSWER.available(answer, user) if moderates else []
    context = {
        "post": post,
        "answers": answers,
        "moderates": moderates,
        "reports": list(selectors.reports_of(post)) if moderates else [],
        "moves": POST.available(post, user),
        "can_answer": rules.can_answer(user, post),
        "reportable": {a.pk for a in answers if rules.can_report(user, a)},
        "post_reportable": rules.can_report(user, post),
        "reported": selectors.reported_by(user, post),
        "answer_form": answer_form or forms.AnswerForm(),
        "report_form": report_form or forms.ReportForm(),
    }
    return render(request, "web/peers/detail.html", context, status=status)


@require_GET
def post_detail(request, pk: int):
    return _detail(request, selectors.post_for(request.user, pk))


@require_http_methods(["GET", "POST"])
def post_create(request):
    boards = community.boards_for_posting(request.user)
    if not boards and not request.user.is_superuser:
        raise PermissionDenied(
            _("Le tableau d'entraide est celui des porteurs et des équipes des dispositifs.")
        )
    form = forms.PostForm(request.POST or None, boards=boards, initial={"board": request.GET.get("tableau")})
    if request.method == "POST" and form.is_valid():
        post = _attempt(form, lambda: services.post_create(by=request.user, **form.values()))
        if post is not None:
            messages.success(request, _("Message publié sur le tableau d'entraide."))
            return redirect("peers:detail", pk=post.pk)
    status = 400 if form.errors else 200
    return render(request, "web/peers/form.html", {"form": form}, status=status)


@require_POST
def answer_create(request, pk: int):
    post = selectors.post_for(request.user, pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        body = form.cleaned_data["body"]
        if _attempt(form, lambda: services.answer_create(post=post, by=request.user, body=body)):
            messages.success(request, _("Réponse publiée ; la personne qui a écrit le message est prévenue."))
            return redirect("peers:detail", pk=post.pk)
    return _detail(request, post, answer_form=form, status=400)


@require_POST
def post_moderate(request, pk: int):
    post = selectors.post_for(request.user, pk, moderate=True)
    name = request.POST.get("action", "")
    if name not in POST.transitions:
        raise ValidationError(_("Action inconnue."))
    services.post_moderate(post=post, name=name, by=request.user, comment=request.POST.get("comment", ""))
    messages.success(request, _("C'est enregistré."))
    return redirect("peers:detail", pk=post.pk)


@require_POST
def answer_moderate(request, pk: int, answer_pk: int):
    post = selectors.post_for(request.user, pk, moderate=True)
    answer = selectors.answer_for(request.user, post, answer_pk, moderate=True)
    name = request.POST.get("action", "")
    if name not in ANSWER.transitions:
        raise ValidationError(_("Action inconnue."))
    services.answer_moderate(answer=answer, name=name, by=request.user)
    messages.success(request, _("C'est enregistré."))
    return redirect("peers:detail", pk=post.pk)


@require_POST
def answer_recommend(request, pk: int, answer_pk: int):
    post = selectors.post_for(request.user, pk, moderate=True)
    answer = selectors.answer_for(request.user, post, answer_pk, moderate=True)
    recommended = request.POST.get("recommended") != "0"
    services.answer_recommend(answer=answer, by=request.user, recommended=recommended)
    messages.success(request, _("Réponse recommandée.") if recommended else _("Recommandation retirée."))
    return redirect("peers:detail", pk=post.pk)


@require_POST
def report_create(request, pk: int):
    post = selectors.post_for(request.user, pk)
    answer_pk = request.POST.get("answer", "")
    if answer_pk and not answer_pk.isdigit():
        raise Http404
    answer = selectors.answer_for(request.user, post, int(answer_pk)) if answer_pk else None
    form = forms.ReportForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        done = _attempt(
            form, lambda: services.report_create(post=post, answer=answer, by=request.user, reason=reason)
        )
        if done:
            messages.success(
                request, _("Merci : votre signalement est transmis à l'équipe qui anime ce tableau.")
            )
            return redirect("peers:detail", pk=post.pk)
    return _detail(request, post, report_form=form, status=400)


@require_GET
def peer_suggestions(request):
    context = {
        "visible": matching.is_visible(request.user),
        "profile": PeerProfile.objects.filter(user=request.user).first(),
        "suggestions": matching.suggestions_for(request.user),
    }
    return render(request, "web/peers/suggestions.html", context)


@require_POST
def peer_visibility(request):
    visible = request.POST.get("visible") == "1"
    services.peer_visibility_set(by=request.user, visible=visible)
    if visible:
        messages.success(request, _("Vous êtes visible des autres porteurs de projet proches de vous."))
    else:
        messages.success(request, _("Vous n'êtes plus proposé aux autres porteurs."))
    return redirect("peers:suggestions")
