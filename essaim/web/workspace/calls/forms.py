"""Forms of the calls workspace and public pages. They validate input; services do the writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.calls.models import Call, Criterion, JobOffer, Question, TerritoryNeed
from essaim.calls.workflows import DECISIONS
from essaim.core import bounds
from essaim.core.errors import ValidationError
from essaim.core.forms import LongTextField, PlausibleDateField, PlausibleDateTimeField
from essaim.directory.models import Programme
from essaim.web.place_fields import CommunePlaceField, EpciPlaceField, ZonesField

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields, or to the form when unknown."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class CommuneCodeField(CommunePlaceField):
    """A commune as a person types it: name, postal code or INSEE code (territories.resolver)."""


class EpciCodeField(EpciPlaceField):
    """An intercommunalité by name or SIREN."""


class ProgrammeScopedForm(forms.ModelForm):
    """The programme choice is limited to the programmes of the user's organisations."""

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "programme" in self.fields:
            self.fields["programme"].queryset = (
                programmes if programmes is not None else Programme.objects.none()
            )


class CallForm(ProgrammeScopedForm):
    territory = ZonesField(label=_("Territoires"))

    class Meta:
        model = Call
        fields = [
            "programme",
            "title",
            "description",
            "eligibility",
            "opens_at",
            "closes_at",
            "score_max",
            "blind_review",
        ]
        widgets = {"opens_at": DATETIME_WIDGET, "closes_at": DATETIME_WIDGET}
        field_classes = {
            "opens_at": PlausibleDateTimeField,
            "closes_at": PlausibleDateTimeField,
            "description": LongTextField,
            "eligibility": LongTextField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("programme")
            self.initial.setdefault("territory", self.instance.territory_refs)

    def territory_refs(self) -> list[str]:
        return self.cleaned_data["territory"]

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        data["territory_refs"] = self.territory_refs()
        return data

    def _post_clean(self):
        # The service validates and saves; skip the ModelForm's instance construction.
        pass


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["label", "weight", "description"]


class QuestionForm(forms.ModelForm):
    choices_text = LongTextField(
        label=_("Choix possibles"),
        required=False,
        max_length=bounds.COMMENT,
        help_text=_("Un choix par ligne, pour une question à choix."),
    )

    class Meta:
        model = Question
        fields = ["label", "kind", "required", "help_text"]

    def choices(self) -> list[str]:
        return self.cleaned_data["choices_text"].splitlines()


class TransitionForm(forms.Form):
    name = forms.CharField(max_length=30, widget=forms.HiddenInput)
    comment = LongTextField(label=_("Commentaire"), required=False, max_length=bounds.COMMENT, rows=2)


class ApplicationForm(forms.Form):
    """The carrier's application: fixed fields and one field per question of the call."""

    project_name = forms.CharField(label=_("Nom du projet"), max_length=200)
    summary = LongTextField(label=_("Résumé du projet"), required=False, max_length=bounds.LONG_TEXT, rows=5)
    commune = CommuneCodeField(label=_("Commune du projet"))

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            name = f"q_{question.pk}"
            # Required questions are checked at submission, not when saving a draft.
            common = {"label": question.label, "help_text": question.help_text, "required": False}
            if question.kind == Question.Kind.LONG_TEXT:
                field = LongTextField(max_length=bounds.LONG_TEXT, rows=4, **common)
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in question.choices], **common)
            elif question.kind == Question.Kind.NUMBER:
                field = forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
            else:
                field = forms.CharField(max_length=1000, **common)
            if question.required:
                field.label = f"{question.label} *"
            self.fields[name] = field
            self.initial[name] = answers.get(question.pk, "")

    @classmethod
    def for_application(cls, application, *, data=None) -> "ApplicationForm":
        """The carrier's form, filled with the draft as saved."""
        initial = {
            "project_name": application.project_name,
            "summary": application.summary,
            "commune": application.commune,  # shown as "Montpellier (Hérault)"
        }
        answers = dict(application.answers.values_list("question_id", "value"))
        return cls(data, initial=initial, questions=application.call.questions.all(), answers=answers)

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}

    def draft(self) -> dict:
        """The keyword arguments of `application_save_draft`."""
        data = self.cleaned_data
        return {
            "project_name": data["project_name"],
            "summary": data["summary"],
            "commune": data["commune"],
            "answers": self.answers(),
        }


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Évaluateur ou évaluatrice"), queryset=None)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda u: (
            f"{u.full_name or u.email} ({_('expert') if u.is_expert else _('équipe')})"
        )


DECISION_LABELS = {
    "accept": _("Retenir (le projet entre dans le parcours)"),
    "waitlist": _("Mettre en liste d'attente"),
    "refuse": _("Ne pas retenir"),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"), choices=[(d, DECISION_LABELS[d]) for d in DECISIONS], widget=forms.RadioSelect
    )
    feedback = LongTextField(
        label=_("Retour écrit au porteur"),
        max_length=bounds.LONG_TEXT,
        rows=4,
        help_text=_("Envoyé par courriel au porteur avec la décision."),
    )


class ReviewForm(forms.Form):
    comment = LongTextField(label=_("Commentaire général"), required=False, max_length=bounds.LONG_TEXT)

    def __init__(self, *args, criteria=(), score_max=5, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            label = _("%(criterion)s (pondération %(weight)s) — note de 0 à %(max)s") % {
                "criterion": criterion.label,
                "weight": criterion.weight,
                "max": score_max,
            }
            self.fields[f"c_{criterion.pk}"] = forms.IntegerField(
                label=label, min_value=0, max_value=score_max, help_text=criterion.description
            )
            self.fields[f"c_{criterion.pk}_comment"] = LongTextField(
                label=_("Commentaire sur « %(criterion)s »") % {"criterion": criterion.label},
                required=False,
                max_length=bounds.COMMENT,
                rows=2,
            )
            if criterion.pk in scores:
                self.initial[f"c_{criterion.pk}"] = scores[criterion.pk].value
                self.initial[f"c_{criterion.pk}_comment"] = scores[criterion.pk].comment
        self.order_fields(
            [name for c in self.criteria for name in (f"c_{c.pk}", f"c_{c.pk}_comment")] + ["comment"]
        )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"c_{c.pk}"], self.cleaned_data[f"c_{c.pk}_comment"])
            for c in self.criteria
        }


class ConflictForm(forms.Form):
    conflict_reason = LongTextField(
        label=_("Nature du conflit d'intérêts"), max_length=bounds.COMMENT, rows=2
    )


class NeedForm(ProgrammeScopedForm):
    commune = CommuneCodeField(label=_("Commune"))
    epci = EpciCodeField(label=_("Intercommunalité (EPCI)"))

    class Meta:
        model = TerritoryNeed
        fields = [
            "programme",
            "title",
            "need",
            "evidence",
            "sources",
            "partners_met",
            "opportunity_study",
            "commune",
            "epci",
        ]
        field_classes = dict.fromkeys(
            ["need", "evidence", "sources", "partners_met", "opportunity_study"], LongTextField
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("programme")

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "programme"}

    def _post_clean(self):
        pass


class JobOfferForm(ProgrammeScopedForm):
    commune = CommuneCodeField(label=_("Lieu (commune)"))

    class Meta:
        model = JobOffer
        fields = [
            "programme",
            "need",
            "project",
            "title",
            "description",
            "skills_profile",
            "commune",
            "closes_on",
        ]
        widgets = {"closes_on": DATE_WIDGET}
        field_classes = {
            "closes_on": PlausibleDateField,
            "description": LongTextField,
            "skills_profile": LongTextField,
        }
        help_texts = {"project": _("Le projet dont la personne recrutée deviendra porteuse.")}

    def __init__(self, *args, needs=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs if needs is not None else TerritoryNeed.objects.none()
        self.fields["project"].queryset = (
            projects if projects is not None else self.fields["project"].queryset.none()
        )
        if self.instance.pk:
            self.fields.pop("programme")

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "programme"}

    def _post_clean(self):
        pass


class CandidacyForm(forms.Form):
    motivation = LongTextField(
        label=_("Votre motivation pour ce projet"), max_length=bounds.LONG_TEXT, rows=5
    )
    experience = LongTextField(
        label=_("Votre parcours et vos compétences"), required=False, max_length=bounds.LONG_TEXT, rows=5
    )


class CandidacyTransitionForm(forms.Form):
    name = forms.CharField(max_length=30, widget=forms.HiddenInput)
    comment = LongTextField(label=_("Commentaire"), required=False, max_length=bounds.COMMENT, rows=2)
    interview_at = PlausibleDateTimeField(
        label=_("Date de l'entretien"), required=False, widget=DATETIME_WIDGET
    )
