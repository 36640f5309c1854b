"""The demo day's content: small tables of French text, combined by the builder.

Facts follow the CAPACities Toulon workshop (« Dessine-moi ton cas d'usage »); names and
organisations are invented. Demo content is data, not interface text: it is not translated.
"""

from __future__ import annotations

from typing import NamedTuple

from capadesk.core.domain.vocabulary import LifecycleStage as S
from capadesk.core.domain.vocabulary import ParticipantType as P

TITLE = "Atelier 1 — Toulon «\u00a0Dessine-moi ton cas d'usage\u00a0» (démonstration)"
PLACE = "Toulon, hangar du port"
PROGRAMME = "CAPACities (démonstration)"


class UseCaseText(NamedTuple):
    """One use case: its title, territory, the data it handles and the drawing's elements."""

    title: str
    territory: str
    objects: tuple[str, ...]  # the data it is about, slotted into the irritant and wish patterns
    databases: tuple[str, ...]
    applications: tuple[str, ...]
    flows: tuple[tuple[str, S], ...]


USE_CASES = (
    UseCaseText(
        "Mobilité douce et stationnement",
        "Métropole Toulon Provence Méditerranée",
        ("les comptages vélo", "l'occupation des parkings", "les horaires du réseau Mistral"),
        ("Base SIG des pistes cyclables", "Fichier des abonnés parking", "Référentiel des arrêts"),
        ("Appli de covoiturage", "Tableau de bord mobilité", "Site de l'office de tourisme"),
        (
            ("Compteurs vélo → entrepôt de données, chaque nuit", S.COLLECTION),
            ("Exploitant du parking → métropole, export mensuel", S.SHARING),
            ("Données GTFS → calculateurs d'itinéraires", S.USE),
        ),
    ),
    UseCaseText(
        "Gestion des déchets et collecte",
        "Ville de La Seyne-sur-Mer",
        ("les taux de remplissage des bacs", "les tournées de collecte", "les tonnages"),
        ("Base des points d'apport volontaire", "Tableur des tonnages", "Registre des bacs pucés"),
        ("Logiciel d'optimisation des tournées", "Appli de signalement", "Portail usagers"),
        (
            ("Capteurs de remplissage → prestataire, en continu", S.COLLECTION),
            ("Pesées en déchetterie → service propreté, chaque semaine", S.PROCESSING),
            ("Bilans annuels → archives départementales", S.ARCHIVING),
        ),
    ),
    UseCaseText(
        "Énergie des bâtiments publics",
        "Ville de Toulon",
        ("les consommations électriques", "les relevés de chauffage", "le patrimoine bâti"),
        ("Inventaire du patrimoine", "Base des factures d'énergie", "Historique des compteurs"),
        ("Outil de télérelève", "Plateforme du fournisseur", "Tableur du conseiller énergie"),
        (
            ("Télérelève → plateforme du fournisseur, toutes les 10 minutes", S.COLLECTION),
            ("Factures PDF → saisie manuelle dans le tableur", S.STORAGE),
            ("Indicateurs → rapport annuel Décret tertiaire", S.USE),
        ),
    ),
    UseCaseText(
        "Qualité de l'eau et du littoral",
        "Rade de Toulon",
        ("les analyses de baignade", "les relevés des bouées", "les alertes de pollution"),
        ("Base des prélèvements ARS", "Séries des bouées connectées", "Registre des incidents"),
        ("Carte des plages en ligne", "Logiciel du laboratoire", "SMS d'alerte aux mairies"),
        (
            ("Bouées → serveur du partenaire, toutes les heures", S.COLLECTION),
            ("Laboratoire → ARS → communes, sous 48 h", S.SHARING),
            ("Séries historiques → modèle de prévision", S.PROCESSING),
        ),
    ),
    UseCaseText(
        "Tourisme et fréquentation",
        "Office de tourisme intercommunal",
        ("les flux de visiteurs", "les nuitées", "la fréquentation des navettes maritimes"),
        ("Base des hébergements", "Statistiques de la taxe de séjour", "Comptages des navettes"),
        ("Site de réservation", "Observatoire du tourisme", "Bornes d'information"),
        (
            ("Plateformes de location → taxe de séjour, chaque trimestre", S.COLLECTION),
            ("Opérateur téléphonique → observatoire, données agrégées", S.SHARING),
            ("Observatoire → élus, note de conjoncture", S.USE),
        ),
    ),
)

# « {obj} » is a use case's data; each pattern comes with its stage of the data life cycle.
IRRITANT_PATTERNS = (
    ("On ne sait pas qui collecte {obj}", S.COLLECTION),
    ("Ressaisie à la main pour {obj}, avec des erreurs", S.COLLECTION),
    ("Des tableurs éparpillés pour {obj}", S.STORAGE),
    ("Personne n'a le temps de nettoyer {obj}", S.PROCESSING),
    ("Le prestataire refuse de nous rendre {obj}", S.SHARING),
    ("Pas de convention pour partager {obj} avec les communes", S.SHARING),
    ("Les élus ne voient jamais {obj} sous une forme lisible", S.USE),
    ("Historique perdu pour {obj}", S.ARCHIVING),
)
WISH_PATTERNS = (
    ("Collecter {obj} automatiquement, sans ressaisie", S.COLLECTION),
    ("Un entrepôt commun pour {obj}", S.STORAGE),
    ("Un outil simple pour croiser {obj} avec la météo", S.PROCESSING),
    ("Ouvrir {obj} en open data", S.SHARING),
    ("Une clause «\u00a0données\u00a0» dans chaque marché pour {obj}", S.SHARING),
    ("Un tableau de bord partagé sur {obj}", S.USE),
    ("Des alertes en cas d'anomalie sur {obj}", S.USE),
    ("Garder dix ans d'historique sur {obj}", S.ARCHIVING),
)
ACTIONS = (
    "Recenser les jeux de données de chaque service avant l'été",
    "Rédiger un modèle de clause «\u00a0données\u00a0» pour les marchés publics",
    "Nommer un référent données par direction",
    "Organiser une visite du centre de supervision de la métropole",
    "Tester un entrepôt commun sur les comptages vélo (3 mois)",
    "Présenter la synthèse au bureau communautaire de septembre",
    "Partager la cartographie des flux avec l'ADEME et le Cerema",
    "Chiffrer le coût de la ressaisie manuelle\u00a0: 120 jours-homme par an\u00a0?",
    "Signer une convention de partage avec l'exploitant des parkings",
    "Former les agents à la qualité des données (1 500\u00a0€ par session)",
)
IDEAS = (
    "Un «\u00a0café données\u00a0» mensuel entre services",
    "Un catalogue des données, même incomplet, plutôt que rien",
    "Demander aux habitants de signaler les bacs pleins",
    "Mutualiser les capteurs entre collecte et voirie",
    "Publier chaque année un «\u00a0rapport données\u00a0» de la ville",
    "Associer le lycée professionnel au nettoyage des données",
    "Un défi open data pour les start-up du territoire",
    "Un glossaire commun\u00a0: parle-t-on du même «\u00a0usager\u00a0»\u00a0?",
    "Réutiliser le portail régional plutôt que d'en créer un",
    "Un badge «\u00a0donnée fiable\u00a0» pour les jeux vérifiés",
)
NOTES = (
    "Le groupe déchets a dessiné la chaîne complète, du bac à la déchetterie",
    "Question ouverte\u00a0: le RGPD s'applique-t-il aux comptages vélo\u00a0?",
    "Beaucoup d'irritants sur le partage, peu sur le stockage",
    "Le partenaire ADEME propose un appui méthodologique",
    "À reprendre à l'atelier 2 de Lisieux",
)

# Threads (fils communs), each gathering the cards of one stage of the life cycle.
THREADS = (
    ("Collecter une fois, réutiliser partout", S.COLLECTION),
    ("Des capteurs dont la collectivité garde les données", S.COLLECTION),
    ("Un entrepôt de données commun", S.STORAGE),
    ("Des données propres et documentées", S.PROCESSING),
    ("Des conventions de partage types", S.SHARING),
    ("Reprendre la main sur les données des prestataires", S.SHARING),
    ("Des tableaux de bord pour décider", S.USE),
    ("Ouvrir les données aux habitants", S.USE),
    ("Garder la mémoire des données", S.ARCHIVING),
    ("Un référent données dans chaque service", S.PROCESSING),
)

FIRST_NAMES = (
    "Anne", "Bruno", "Chloé", "David", "Élise", "Farid", "Gaëlle", "Hugo", "Inès", "Jules",
    "Karima", "Laurent", "Manon", "Nicolas", "Océane", "Pierre", "Quentin", "Rose", "Samir",
    "Thérèse", "Ugo", "Valérie", "William", "Yasmine", "Zoé", "Amandine", "Benoît", "Cécile",
    "Didier", "Émilie", "François", "Hélène",
)  # fmt: skip
LAST_NAMES = (
    "Durand", "Martin", "Bernard", "Petit", "Robert", "Richard", "Moreau", "Laurent", "Simon",
    "Michel", "Lefèvre", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
    "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
)  # fmt: skip
ORGANISATIONS = {
    P.ELECTED: ("Ville de Toulon", "Ville de La Seyne-sur-Mer", "Métropole TPM", "Ville d'Hyères"),
    P.AGENT: ("Métropole TPM", "Ville de Toulon", "Ville de La Seyne-sur-Mer", "SIVOM du littoral"),
    P.COMPANY: ("Mobilidata SAS", "Océan Capteurs", "EnergiPilote", "Datapolis", "Port Numérique"),
    P.PARTNER: ("Cerema", "ADEME", "Banque des Territoires", "Région Sud", "ARS PACA"),
    P.FACILITATOR: ("Auxilia", "Chronos"),
    P.RESIDENT: ("Comité d'intérêt de quartier", "Association Vélo Toulon"),
}
# How many of each type come (the room of a CAPACities day); the facilitators first.
ROOM = (
    (P.FACILITATOR, 2),
    (P.ELECTED, 4),
    (P.AGENT, 9),
    (P.COMPANY, 6),
    (P.PARTNER, 6),
    (P.RESIDENT, 3),
)
TERRITORIES = ("Toulon", "La Seyne-sur-Mer", "Hyères", "Marseille", "Paris", "Lyon", "Nice")

PERSONA = {
    "name": "Chloé",
    "age": 34,
    "family": "En couple, deux enfants",
    "home": "La Seyne-sur-Mer, quartier des Sablettes",
    "profession": "Infirmière à l'hôpital Sainte-Musse",
    "personality": "Organisée, pressée, curieuse",
    "interests": ("Vélo", "Plongée", "Marchés du dimanche"),
    "expectations": ("Savoir où se garer avant de partir", "Un seul abonnement bus + bateau"),
    "frustrations": ("Tourner vingt minutes pour trouver une place", "Horaires faux en ligne"),
    "motivations": ("Gagner du temps le matin", "Moins polluer"),
}
PERSONA_QUESTION = "Comment pourrions-nous aider Chloé à réserver une place à distance\u00a0?"

JOURNEY_SCENARIO = "Chloé va travailler un matin de semaine, en voiture puis en navette"
JOURNEY = (
    # (stage, actions, expectations, thoughts, frictions, opportunities, data traces, score)
    (
        "Préparer le trajet",
        "Consulte l'appli du réseau",
        "Des horaires justes",
        "«\u00a0Encore en retard\u00a0?\u00a0»",
        "Horaires en ligne faux",
        "Temps réel des navettes",
        "Requêtes de l'appli",
        -1,
    ),
    (
        "Se garer",
        "Cherche une place au parking relais",
        "Une place libre",
        "Stress",
        "Aucune information sur les places libres\nParking plein à 8 h",
        "Afficher l'occupation en direct",
        "Barrières du parking",
        -2,
    ),
    (
        "Prendre la navette",
        "Valide son titre",
        "Un seul titre bus + bateau",
        "Soulagement",
        "",
        "Titre unique",
        "Validations billettiques",
        1,
    ),
    (
        "Arriver",
        "Marche jusqu'à l'hôpital",
        "Être à l'heure",
        "Contente",
        "",
        "Itinéraire piéton balisé",
        "",
        2,
    ),
)

# What the matrices' cells are filled with, by kind of cell.
MATRIX_TEXTS = (
    "Mieux connaître les usages pour adapter le service",
    "Réduire la ressaisie entre services",
    "Donner aux élus des chiffres fiables",
    "La métropole, avec l'exploitant",
    "Le service SIG, appuyé par le Cerema",
    "Capteurs sobres, durée de vie de 10 ans",
    "Hébergement chez un prestataire local",
    "Recyclage du matériel par la filière DEEE",
    "Moins de trajets à vide pour les camions",
    "Risque de surveillance perçue par les habitants",
    "Données anonymisées à la source",
    "Au prochain renouvellement du marché",
    "Convention signée en six mois",
)
MATRIX_ITEMS = (
    "Recenser les jeux de données",
    "Nommer un référent",
    "Écrire la convention",
    "Tester sur un quartier",
    "Présenter aux élus",
    "Ouvrir en open data",
)
INDICATOR_ITEMS = (
    "Temps de ressaisie évité",
    "Achat de capteurs",
    "Tournées évitées",
    "Émissions évitées",
    "Maintenance annuelle",
)
YES_NO = ("oui\u00a0: satisfaisant", "non\u00a0: recenser les données", "oui\u00a0: à améliorer")
SMILEYS = ("+", "=", "-")
STAKEHOLDERS = ("Entreprises", "Habitants", "Associations")
