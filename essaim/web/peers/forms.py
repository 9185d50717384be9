"""Forms of the help board: the filters, a post, an answer, a report (docs/peers.md)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.core.forms import LongTextField
from essaim.directory.enums import LifeStage
from essaim.directory.models import Programme
from essaim.peers.enums import PostKind
from essaim.peers.models import ANSWER_MAX, BODY_MAX, REASON_MAX, SECTOR_MAX, TITLE_MAX
from essaim.skills.vocabulary import SkillFamily
from essaim.web.place_fields import CommunePlaceField

ALL = [("", _("Tous"))]
ANY = [("", _("Non précisé"))]


def board_key(board) -> str:
    return f"{'programme' if isinstance(board, Programme) else 'ecosystem'}:{board.pk}"


def board_choices(boards) -> list[tuple[str, str]]:
    return [(board_key(b), str(b)) for b in boards]


class FilterForm(forms.Form):
    board = forms.ChoiceField(label=_("Tableau"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=ALL + PostKind.choices)
    skill = forms.ChoiceField(label=_("Compétence"), required=False, choices=ALL + SkillFamily.choices)
    stage = forms.ChoiceField(label=_("Étape de vie"), required=False, choices=ALL + LifeStage.choices)
    q = forms.CharField(label=_("Mots"), required=False, max_length=100)

    def __init__(self, *args, boards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].choices = ALL + board_choices(boards)

    def filters(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.fields} if self.is_valid() else {}


class PostForm(forms.Form):
    board = forms.ChoiceField(label=_("Tableau d'entraide"))
    kind = forms.ChoiceField(label=_("Je pose une question ou je propose mon aide"), choices=PostKind.choices)
    title = forms.CharField(label=_("Titre"), max_length=TITLE_MAX)
    body = LongTextField(label=_("Message"), max_length=BODY_MAX, rows=6)
    skill = forms.ChoiceField(
        label=_("Famille de compétences"), required=False, choices=ANY + SkillFamily.choices
    )
    sector = forms.CharField(label=_("Secteur d'activité"), required=False, max_length=SECTOR_MAX)
    stage = forms.ChoiceField(
        label=_("Étape de vie du projet"), required=False, choices=ANY + LifeStage.choices
    )
    commune = CommunePlaceField(label=_("Commune"))

    def __init__(self, *args, boards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {board_key(b): b for b in boards}
        self.fields["board"].choices = board_choices(boards)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["board"] = self.boards[data["board"]]
        return data


class AnswerForm(forms.Form):
    body = LongTextField(label=_("Votre réponse"), max_length=ANSWER_MAX, rows=4)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Motif du signalement"), max_length=REASON_MAX)
