"""CapaDesk: the facilitator's desk for CAPACities-style participatory workshops."""

APP_NAME = "CapaDesk"
APP_ID = "fr.capacities.CapaDesk"
__version__ = "0.1.0"
