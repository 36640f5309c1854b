"""The method's own words the documents print: the collaboration rules and the credit.

Both from the CAPACities « Carnet des ateliers inspirants » (seed 002: the five « Règles de
collaboration »; seed 001: « Chronos x Auxilia Conseil x CEREMA CC-by-nc »).
"""

from __future__ import annotations

from capadesk import APP_NAME, __version__
from capadesk.i18n import N_, _

COLLABORATION_RULES = (
    N_("Écoutons pour comprendre"),
    N_("Parler avec intention"),
    N_("Acceptons l'incertitude"),
    N_("Soyons bienveillant envers les autres"),
    N_("Soyons présent"),
)
METHOD_CREDIT = N_(
    "Méthode CAPACities — Chronos × Auxilia Conseil × Cerema, sous licence Creative Commons "
    "BY-NC (attribution, pas d'utilisation commerciale)."
)
METHOD_SOURCE = N_(
    "Protocoles, règles de collaboration et code couleur des irritants (rouge) et des souhaits "
    "(vert) d'après le «\u00a0Carnet des ateliers inspirants\u00a0» de l'exploration CAPACities."
)


def rules() -> list[str]:
    """The five rules, translated."""
    return [_(rule) for rule in COLLABORATION_RULES]


def made_with() -> str:
    """« Document produit avec CapaDesk 0.1.0. »"""
    return _("Document produit avec {app} {version}.").format(app=APP_NAME, version=__version__)
