"""The demo day: a realistic Toulon workshop built through the services, run on a fake clock,
and every export written (``capadesk demo``)."""
