"""Forms of the ecosystem pages. They validate input; the services do the writes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.selectors import programmes_managed_by
from essaim.accounts.models import User
from essaim.directory.models import Organisation
from essaim.ecosystems.enums import ContributionRole, MemberRole
from essaim.ecosystems.selectors import contributable_programmes
from essaim.ecosystems.services import MESSAGE_MAX, PART_MAX


class InviteForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation invitée"),
        max_length=200,
        help_text=_("Son nom exact ou son identifiant (celui de l'adresse de sa page)."),
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    message = forms.CharField(
        label=_("Message"), required=False, max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_organisation(self) -> Organisation:
        text = self.cleaned_data["organisation"].strip()
        found = list(Organisation.objects.filter(Q(slug=text.lower()) | Q(name__iexact=text))[:6])
        if not found:
            raise forms.ValidationError(_t("Aucune organisation ne porte ce nom ou cet identifiant."))
        if len(found) > 1:
            names = ", ".join(f"{o.name} ({o.slug})" for o in found[:5])
            raise forms.ValidationError(
                _t("Plusieurs organisations portent ce nom : %(names)s. Donnez l'identifiant.")
                % {"names": names}
            )
        return found[0]


class ContactForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("Personne à contacter"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(memberships__organisation=organisation, is_active=True).order_by(
            "full_name", "email"
        )
        self.fields["contact"].queryset = staff
        self.fields["contact"].label_from_instance = lambda u: u.get_full_name()


class JointProjectForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Dispositif pilote"), queryset=None)
    name = forms.CharField(label=_("Nom du projet"), max_length=200)
    model = forms.ChoiceField(label=_("Modèle d'accompagnement"), choices=ProjectModel.choices)
    summary = forms.CharField(
        label=_("Résumé"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    part = forms.CharField(label=_("Ce que le pilote apporte"), required=False, max_length=PART_MAX)

    def __init__(self, *args, ecosystem, user, **kwargs):
        super().__init__(*args, **kwargs)
        runs = programmes_managed_by(user).values("pk")
        self.fields["lead"].queryset = contributable_programmes(ecosystem).filter(pk__in=runs)


class ContributionForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Dispositif"), queryset=None)
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[c for c in ContributionRole.choices if c[0] != ContributionRole.LEAD]
    )
    part = forms.CharField(label=_("Ce qu'il apporte"), required=False, max_length=PART_MAX)

    def __init__(self, *args, ecosystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = contributable_programmes(ecosystem)
