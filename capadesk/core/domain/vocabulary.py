"""The closed vocabularies of the method, stored as their string values.

Columns hold plain strings (so a new kind needs no table rebuild); these enums are the single
list of accepted values and their French labels.
"""

from __future__ import annotations

from enum import StrEnum

from capadesk.i18n import N_, _


class Labelled(StrEnum):
    """A vocabulary whose members carry a French label."""

    @property
    def label(self) -> str:
        """The translated label shown to people."""
        return _(_LABELS[self])


class ParticipantType(Labelled):
    """Who a participant is in the room (DESIGN §2, People)."""

    ELECTED = "collectivite-elu"
    AGENT = "collectivite-agent"
    COMPANY = "entreprise"
    PARTNER = "partenaire-institutionnel"
    FACILITATOR = "animateur"
    RESIDENT = "usager-habitant"


class CaptureKind(Labelled):
    """What a capture records; the use-case drawing's colour code plus the day's other notes."""

    IRRITANT = "irritant"
    WISH = "souhait"
    DATABASE = "base-de-donnees"
    APPLICATION = "application"
    DATA_FLOW = "flux-de-donnees"
    IDEA = "idee"
    ACTION = "action"
    NOTE = "note"


class LifecycleStage(Labelled):
    """The data life cycle used to sort irritants, wishes and threads."""

    COLLECTION = "collecte"
    STORAGE = "stockage"
    PROCESSING = "traitement"
    SHARING = "partage"
    USE = "exploitation-usage"
    ARCHIVING = "archivage"


class StepFormat(Labelled):
    """How the room is arranged during a step."""

    PLENARY = "pleniere"
    GROUPS = "en-groupe"
    STANDING = "debout-ensemble"
    PARALLEL = "groupes-en-parallele"


class ActivityKind(Labelled):
    """Which capture tool a step opens."""

    WELCOME = "welcome"
    INTRO = "intro"
    ICEBREAKER_LINE_UP = "icebreaker-line-up"
    ICEBREAKER_DIXIT = "icebreaker-dixit"
    ICEBREAKER_YARN = "icebreaker-yarn"
    ICEBREAKER_LEGO_TOWER = "icebreaker-lego-tower"
    USE_CASE_DRAWING = "use-case-drawing"
    GROUP_SYNTHESIS = "group-synthesis"
    DOT_VOTE = "dot-vote"
    PROJECTION_2027 = "projection-2027"
    BACKCAST = "backcast"
    PERSONA = "persona"
    SPIDER_WEB = "spider-web"
    JOURNEY_MAP = "journey-map"
    LEGO_BUILD = "lego-build"
    COST_BENEFIT = "cost-benefit"
    RESPONSIBLE_DIGITAL = "responsible-digital"
    ACTION_SHEETS = "action-sheets"
    VALUE_CHECKLIST = "value-checklist"
    BUSINESS_CANVAS = "business-canvas"
    STEP_PLAN = "step-plan"
    MATURITY = "maturity"
    BREAK = "break"
    RESTITUTION = "restitution"
    FREE = "free"


class RunnerStatus(StrEnum):
    """Where the protocol runner of a workshop stands."""

    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    TIME_OUT = "time-out"  # a « temps mort »: a pause logged as such
    FINISHED = "finished"


_LABELS: dict[StrEnum, str] = {
    ParticipantType.ELECTED: N_("Collectivité — élu"),
    ParticipantType.AGENT: N_("Collectivité — agent"),
    ParticipantType.COMPANY: N_("Entreprise"),
    ParticipantType.PARTNER: N_("Partenaire institutionnel"),
    ParticipantType.FACILITATOR: N_("Animateur"),
    ParticipantType.RESIDENT: N_("Usager / habitant"),
    CaptureKind.IRRITANT: N_("Irritant"),
    CaptureKind.WISH: N_("Souhait"),
    CaptureKind.DATABASE: N_("Base de données"),
    CaptureKind.APPLICATION: N_("Application"),
    CaptureKind.DATA_FLOW: N_("Flux de données"),
    CaptureKind.IDEA: N_("Idée"),
    CaptureKind.ACTION: N_("Action"),
    CaptureKind.NOTE: N_("Note"),
    LifecycleStage.COLLECTION: N_("Collecte"),
    LifecycleStage.STORAGE: N_("Stockage"),
    LifecycleStage.PROCESSING: N_("Traitement"),
    LifecycleStage.SHARING: N_("Partage"),
    LifecycleStage.USE: N_("Exploitation / usage"),
    LifecycleStage.ARCHIVING: N_("Archivage"),
    StepFormat.PLENARY: N_("Plénière"),
    StepFormat.GROUPS: N_("En groupe"),
    StepFormat.STANDING: N_("Debout ensemble"),
    StepFormat.PARALLEL: N_("Groupes en parallèle"),
    ActivityKind.WELCOME: N_("Accueil"),
    ActivityKind.INTRO: N_("Introduction"),
    ActivityKind.ICEBREAKER_LINE_UP: N_("Brise-glace «\u00a0Placez-vous en ligne\u00a0»"),
    ActivityKind.ICEBREAKER_DIXIT: N_("Brise-glace Dixit"),
    ActivityKind.ICEBREAKER_YARN: N_("Brise-glace pelote de laine"),
    ActivityKind.ICEBREAKER_LEGO_TOWER: N_("Brise-glace tour de Lego"),
    ActivityKind.USE_CASE_DRAWING: N_("Dessine-moi ton cas d'usage"),
    ActivityKind.GROUP_SYNTHESIS: N_("Synthèse des groupes"),
    ActivityKind.DOT_VOTE: N_("Vote par gommettes"),
    ActivityKind.PROJECTION_2027: N_("Projection «\u00a0nous sommes en 2027\u00a0»"),
    ActivityKind.BACKCAST: N_("Rétroplanning"),
    ActivityKind.PERSONA: N_("Persona et «\u00a0Comment pourrions-nous\u00a0?\u00a0»"),
    ActivityKind.SPIDER_WEB: N_("Toile d'araignée (idéation)"),
    ActivityKind.JOURNEY_MAP: N_("Parcours usager"),
    ActivityKind.LEGO_BUILD: N_("Construction Lego"),
    ActivityKind.COST_BENEFIT: N_("Analyse coût-bénéfice"),
    ActivityKind.RESPONSIBLE_DIGITAL: N_("Numérique responsable"),
    ActivityKind.ACTION_SHEETS: N_("Fiches-actions"),
    ActivityKind.VALUE_CHECKLIST: N_("Création de valeur avec les données"),
    ActivityKind.BUSINESS_CANVAS: N_("Business model canvas"),
    ActivityKind.STEP_PLAN: N_("Pas-à-pas"),
    ActivityKind.MATURITY: N_("Autodiagnostic de maturité"),
    ActivityKind.BREAK: N_("Pause"),
    ActivityKind.RESTITUTION: N_("Restitution"),
    ActivityKind.FREE: N_("Séquence libre"),
}
