"""Forms of the accompaniment workspace. They validate input; services do the writing."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import (
    EnterpriseStatus,
    ExpertDomain,
    MeetingKind,
    ProjectModel,
    ReferralField,
    Remuneration,
)
from essaim.accompaniment.models import Expert, PipelineStage
from essaim.accompaniment.selectors import BoardFilters
from essaim.accounts.models import User
from essaim.core import bounds
from essaim.core.forms import PlausibleDateField
from essaim.directory.enums import LifeStage
from essaim.directory.models import Programme
from essaim.web.place_fields import CommunePlaceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommuneField(CommunePlaceField):
    """A commune as a person types it: name, postal code or INSEE code (territories.resolver)."""


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Étape"), required=False)
    life_stage = forms.ChoiceField(
        label=_("Étape de vie"), required=False, choices=[("", _("Toutes"))] + LifeStage.choices
    )
    model = forms.ChoiceField(
        label=_("Modèle"), required=False, choices=[("", _("Tous"))] + ProjectModel.choices
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("active", _("En cours")), ("abandoned", _("Abandonnés")), ("all", _("Tous"))],
    )
    attention = forms.BooleanField(label=_("Seulement ceux qui demandent de l'attention"), required=False)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        seen = {}
        for stage in stages:
            seen.setdefault(stage.key, stage.name)
        self.fields["stage"].choices = [("", _("Toutes"))] + list(seen.items())

    def filters(self) -> BoardFilters:
        """The board's filters; a filter that does not validate is ignored (active projects)."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or "active"
        return BoardFilters(
            stage=data.get("stage", ""),
            life_stage=data.get("life_stage", ""),
            model=data.get("model", ""),
            q=data.get("q", ""),
            attention=data.get("attention", False),
            status="" if status == "all" else status,
        )


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Nom du projet"), max_length=200)
    model = forms.ChoiceField(label=_("Modèle d'accompagnement"), choices=ProjectModel.choices)
    summary = forms.CharField(label=_("Résumé"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    social_need = forms.CharField(
        label=_("Besoin social auquel le projet répond"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sector = forms.CharField(label=_("Secteur d'activité"), required=False, max_length=120)
    commune = CommuneField(label=_("Commune"))
    carrier_emails = forms.CharField(
        label=_("Courriels des porteurs"),
        required=False,
        help_text=_(
            "Séparés par des virgules ; laissez vide pour un projet encore sans porteur. Seuls les "
            "porteurs qui ont déjà un compte à ces adresses sont rattachés au projet."
        ),
    )

    def clean_carrier_emails(self):
        """The active accounts of these addresses. Whether an address has an account is never
        said (a team member could otherwise probe who uses Essaim): one without is not attached."""
        emails = [e.strip().lower() for e in self.cleaned_data["carrier_emails"].split(",") if e.strip()]
        invalid = [email for email in emails if not _is_email(email, validate_email)]
        if invalid:
            raise forms.ValidationError(
                _("Adresse électronique invalide : %(emails)s.") % {"emails": ", ".join(invalid)}
            )
        return list(User.objects.filter(email__in=emails, is_active=True))


def _is_email(value: str, validate) -> bool:
    try:
        validate(value)
    except forms.ValidationError:
        return False
    return True


class ProjectEditForm(ProjectForm):
    coach = forms.ModelChoiceField(
        label=_("Accompagnateur ou accompagnatrice référente"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Personne pour l'instant"),
        help_text=_("Les porteurs voient son nom et son adresse électronique dans leur espace."),
    )

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["model"]
        del self.fields["carrier_emails"]
        if team is not None:
            self.fields["coach"].queryset = team.order_by("full_name", "email")

    @staticmethod
    def initial_for(project) -> dict:
        initial = {f: getattr(project, f) for f in ("name", "summary", "social_need", "sector")}
        # commune shown as "Montpellier (Hérault)"
        return {**initial, "commune": project.commune, "coach": project.coach_id}


class TransitionForm(forms.Form):
    """A pipeline move. `action` names a move of `workflows.PIPELINE` (`move`, `abandon`,
    `reopen`); `override` turns a move into the admins' `override`. Built with the moves the
    user may make (`moves`), it shows those only."""

    to_stage = forms.ModelChoiceField(
        label=_("Vers l'étape"), queryset=PipelineStage.objects.none(), required=False, empty_label=None
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("move", _("Avancer")), ("abandon", _("Abandonner")), ("reopen", _("Reprendre"))],
        initial="move",
    )
    comment = forms.CharField(
        label=_("Commentaire ou motif"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override = forms.BooleanField(
        label=_("Déroger au parcours (administrateurs, motif obligatoire)"), required=False
    )

    def __init__(self, *args, project=None, moves=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["to_stage"].queryset = PipelineStage.objects.filter(
                pipeline_id=project.stage.pipeline_id, is_archived=False
            )
        self.moves = {}
        if moves is not None:
            self.moves = {t.name: t for t in moves}
            shown = [(t.name, t.label) for t in moves if t.name != "override"]
            self.fields["action"].choices = shown
            self.fields["action"].widget = forms.RadioSelect(choices=shown)

    def move(self) -> dict:
        """The arguments of `services.project_transition` for the posted move."""
        action = self.cleaned_data["action"]
        return {
            "to_stage": self.cleaned_data["to_stage"] if action == "move" else None,
            "abandon": action == "abandon",
            "reopen": action == "reopen",
            "comment": self.cleaned_data["comment"],
            "override": self.cleaned_data["override"],
        }


class ChecklistForm(forms.Form):
    stage = forms.ModelChoiceField(queryset=PipelineStage.objects.all())
    item = forms.SlugField(max_length=40)
    done = forms.BooleanField(required=False)


class MeetingForm(forms.Form):
    date = PlausibleDateField(label=_("Date"), widget=DATE)
    duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=1, max_value=1440)
    kind = forms.ChoiceField(label=_("Type"), choices=MeetingKind.choices)
    topics = forms.CharField(
        label=_("Sujets abordés"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decisions = forms.CharField(
        label=_("Décisions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_steps = forms.CharField(
        label=_("Prochaines étapes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_meeting_on = PlausibleDateField(label=_("Prochain rendez-vous"), required=False, widget=DATE)

    @classmethod
    def initial_for(cls, meeting) -> dict:
        return {name: getattr(meeting, name) for name in cls.base_fields}


class MobilisationForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Expert"), queryset=Expert.objects.filter(is_available=True).select_related("user")
    )
    domain = forms.ChoiceField(label=_("Domaine"), choices=ExpertDomain.choices)
    message = forms.CharField(label=_("Demande"), widget=forms.Textarea(attrs={"rows": 3}))


class ExpertFilterForm(forms.Form):
    domain = forms.ChoiceField(
        label=_("Domaine"), required=False, choices=[("", _("Tous"))] + ExpertDomain.choices
    )
    available = forms.BooleanField(label=_("Seulement les experts disponibles"), required=False)


class MobilisationResponseForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Réponse"),
        choices=[("1", _("J'accepte")), ("0", _("Je décline"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MobilisationHoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Heures données"), min_value=0, max_value=bounds.HOURS_MAX, max_digits=6, decimal_places=1
    )
    remuneration = forms.ChoiceField(label=_("Rémunération"), choices=Remuneration.choices)


class CheckinForm(forms.Form):
    observed_on = PlausibleDateField(label=_("Date du constat"), widget=DATE)
    enterprise_status = forms.ChoiceField(
        label=_("Situation de l'entreprise"), choices=EnterpriseStatus.choices
    )
    ceased_on = PlausibleDateField(label=_("Date de cessation"), required=False, widget=DATE)
    headcount = forms.IntegerField(
        label=_("Effectif"),
        required=False,
        min_value=0,
        max_value=bounds.JOBS_MAX,
        error_messages={
            "min_value": _("L'effectif ne peut pas être négatif."),
            "max_value": _("L'effectif ne peut pas dépasser %(limit_value)s."),
        },
    )
    fte = forms.DecimalField(
        label=_("Emplois en équivalent temps plein"),
        required=False,
        min_value=0,
        max_value=bounds.JOBS_MAX,
        max_digits=7,
        decimal_places=2,
        error_messages={
            "min_value": _("Le nombre d'emplois ne peut pas être négatif."),
            "max_value": _("Le nombre d'emplois ne peut pas dépasser %(limit_value)s."),
        },
    )
    notes = forms.CharField(label=_("Remarques"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReferralProposeForm(forms.Form):
    to_programme = forms.ModelChoiceField(
        label=_("Dispositif destinataire"), queryset=Programme.objects.none()
    )
    message = forms.CharField(
        label=_("Pourquoi orienter ce projet ?"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Programme.objects.filter(is_published=True).exclude(model="none").select_related("organisation")
        if project is not None:
            qs = qs.exclude(pk=project.programme_id)
        self.fields["to_programme"].queryset = qs.order_by("name")


class ReferralConsentForm(forms.Form):
    shared_fields = forms.MultipleChoiceField(
        label=_("Ce que j'accepte de partager (le nom et le modèle du projet sont toujours transmis)"),
        choices=ReferralField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReferralDecisionForm(forms.Form):
    comment = forms.CharField(label=_("Motif"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StageRenameForm(forms.Form):
    name = forms.CharField(label=_("Nouveau nom"), max_length=120)


class StageAddForm(forms.Form):
    name = forms.CharField(label=_("Nom de la nouvelle étape"), max_length=120)
    life_stage = forms.ChoiceField(label=_("Étape de vie"), choices=LifeStage.choices)
    after = forms.ModelChoiceField(
        label=_("Après l'étape"), queryset=PipelineStage.objects.none(), empty_label=None
    )

    @classmethod
    def for_pipeline(cls, pipeline, data=None) -> "StageAddForm":
        """The form of one pipeline (its own prefix), offering its stages in use."""
        form = cls(data, prefix=f"p{pipeline.pk}")
        form.fields["after"].queryset = pipeline.stages.filter(is_archived=False)
        return form


class SettingsForm(forms.Form):
    target_hours_min = forms.IntegerField(
        label=_("Heures d'accompagnement visées (minimum)"), min_value=0, max_value=2000
    )
    target_hours_max = forms.IntegerField(
        label=_("Heures d'accompagnement visées (maximum)"), min_value=1, max_value=2000
    )
    max_hours_per_month = forms.IntegerField(label=_("Plafond d'heures par mois"), min_value=1, max_value=200)
    alert_after_days = forms.IntegerField(
        label=_("Alerte sans rendez-vous après (jours)"), min_value=1, max_value=365
    )
    min_hours_per_period = forms.IntegerField(
        label=_("Minimum d'heures sur la période"),
        min_value=0,
        max_value=500,
        help_text=_("En dessous, le projet est signalé (« trop peu ») ; 0 pour ne pas signaler."),
    )
    dosage_period_days = forms.IntegerField(
        label=_("Période du minimum d'heures (jours)"), min_value=14, max_value=365
    )
    reminder_delays = forms.CharField(
        label=_("Délais de relance (jours)"), help_text=_("Séparés par des virgules, par exemple 10, 14, 30.")
    )

    @staticmethod
    def initial_for(current) -> dict:
        return {
            "target_hours_min": current.target_hours_min,
            "target_hours_max": current.target_hours_max,
            "max_hours_per_month": current.max_hours_per_month,
            "alert_after_days": current.alert_after_days,
            "min_hours_per_period": current.min_hours_per_period,
            "dosage_period_days": current.dosage_period_days,
            "reminder_delays": ", ".join(str(d) for d in current.reminder_delays),
        }

    def clean_reminder_delays(self):
        raw = [p.strip() for p in self.cleaned_data["reminder_delays"].split(",") if p.strip()]
        if not raw or not all(p.isdigit() and 0 < int(p) <= 365 for p in raw):
            raise forms.ValidationError(
                _("Indiquez des nombres de jours entre 1 et 365, séparés par des virgules.")
            )
        return sorted({int(p) for p in raw})

    def clean(self):
        data = super().clean()
        low, high = data.get("target_hours_min"), data.get("target_hours_max")
        if low is not None and high is not None and low > high:
            self.add_error("target_hours_max", _("Le maximum doit être supérieur ou égal au minimum."))
        return data
