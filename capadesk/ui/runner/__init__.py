"""The timed protocol runner's screens: the control panel, the projection window, their presenter.

The countdown's text and levels are pure (capadesk.core.domain.countdown); these modules only
lay them out and map the levels to colours.
"""
