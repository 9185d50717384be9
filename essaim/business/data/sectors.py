"""The sectors of the business flows: one documented list, each mapped to NAF rév. 2 codes.

A buyer's request and a supplier's offer name sectors by key; an enterprise's NAF code (its APE
code, from the SIRENE register) suggests its sectors through `sectors_for_naf` (longest prefix
wins). The categories follow what public and private buyers ask ESS suppliers for most (the
categories of le marché de l'inclusion, widened to every ESS enterprise); each line gives the NAF
divisions, groups or classes it covers (INSEE, nomenclature d'activités française rév. 2, 2008).
docs/business.md lists them in words.
"""

from django.utils.translation import gettext_lazy as _

# key, label, NAF prefixes (a division "81", a group "81.2", a class "81.21" or a sub-class "81.21Z")
SECTORS: list[tuple[str, object, tuple[str, ...]]] = [
    ("nettoyage", _("Propreté et nettoyage"), ("81.2",)),
    ("espaces-verts", _("Espaces verts et paysage"), ("81.30", "02.40")),
    ("batiment", _("Bâtiment et travaux publics"), ("41", "42", "43")),
    ("restauration", _("Restauration et traiteur"), ("56",)),
    ("alimentation", _("Agriculture et alimentation"), ("01.1", "01.2", "01.4", "01.5", "10", "11")),
    ("logistique", _("Logistique, transport et livraison"), ("49.3", "49.4", "52", "53.2")),
    ("recyclage", _("Collecte, tri, recyclage et réemploi"), ("38", "39", "47.79")),
    ("textile", _("Textile, couture et blanchisserie"), ("13", "14", "96.01")),
    ("impression", _("Impression et reprographie"), ("18.1", "82.19")),
    ("numerique", _("Services numériques"), ("58.2", "62", "63.1")),
    ("conseil-formation", _("Conseil et formation"), ("70.2", "85.5", "85.6")),
    ("sous-traitance", _("Sous-traitance industrielle et conditionnement"), ("22", "25", "82.92")),
    ("services-personnes", _("Services à la personne et médico-social"), ("87", "88", "96.09")),
    ("evenementiel", _("Événementiel et culture"), ("82.30", "90", "93.29")),
    ("mobilite", _("Mobilité et réparation"), ("45.2", "77.21", "95.29")),
    ("energie", _("Énergie et rénovation énergétique"), ("35.1", "43.22")),
]
