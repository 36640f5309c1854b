"""Live capture, the synthesis wall, common threads and dot voting (issue 4).

``CapturePresenter(store, operations, workshop_id, photos_dir=AppPaths.photos_dir)`` builds the
control window's page (``presenter.page``) and, for the projection, ``presenter.wall_slide()``
and ``presenter.vote_slide()``. Everything is imported lazily by whoever opens the page.
"""

from capadesk.ui.capture.dialogs import CaptureDialogs
from capadesk.ui.capture.page import CapturePage
from capadesk.ui.capture.presenter import CapturePresenter
from capadesk.ui.capture.slides import VoteSlide, WallSlide

__all__ = ["CaptureDialogs", "CapturePage", "CapturePresenter", "VoteSlide", "WallSlide"]
