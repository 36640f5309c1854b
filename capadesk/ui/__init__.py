"""The only Qt package: windows, views, presenters, item models, dialogs, the undo adapter."""
