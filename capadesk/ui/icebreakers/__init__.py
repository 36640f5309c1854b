"""The ice-breakers: « Placez-vous en ligne », Dixit, the yarn and the Lego tower, each with a
control widget for the laptop and a projected page for the room."""

from capadesk.ui.icebreakers.presenter import (
    IcebreakerPresenter,
    IcebreakerSlide,
    IcebreakerView,
    is_icebreaker,
)

__all__ = ["IcebreakerPresenter", "IcebreakerSlide", "IcebreakerView", "is_icebreaker"]
