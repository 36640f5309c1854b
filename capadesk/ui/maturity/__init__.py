"""The maturity self-assessment of DataCités 2: respondents and their profiles, answers typed
in the room or imported, the per-subject picture, two assessments compared."""

from capadesk.ui.maturity.dialogs import MaturityDialogs
from capadesk.ui.maturity.picture import MaturityPicture
from capadesk.ui.maturity.presenter import MaturityPresenter

__all__ = ["MaturityDialogs", "MaturityPicture", "MaturityPresenter"]
