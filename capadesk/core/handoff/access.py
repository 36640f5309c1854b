"""Who may read the shared page: the holder of the session's token, until it expires.

The token (256 random bits) travels once in the QR code's URL; the server then moves it into an
HttpOnly, SameSite=Strict cookie and redirects to a URL without it, so it does not stay in the
phone's history nor leave in a Referer. Each sharing session draws a new token: a link from an
earlier session, or one kept past the expiry, opens nothing.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from capadesk.core.runner.clock import Clock, SystemClock

COOKIE_NAME = "capadesk_partage"
TOKEN_PARAMETER = "t"
TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 256 bits, 43 characters
DEFAULT_MINUTES = 120
MAX_MINUTES = 24 * 60


class Access:
    """The token of one sharing session, its expiry, and the constant-time check."""

    def __init__(
        self,
        minutes: float = DEFAULT_MINUTES,
        *,
        clock: Clock | None = None,
        token: str | None = None,
    ) -> None:
        if not 0 < minutes <= MAX_MINUTES:
            raise ValueError(f"minutes must be in (0, {MAX_MINUTES}], got {minutes!r}")
        self.clock = clock or SystemClock()
        self.token = token or secrets.token_urlsafe(TOKEN_BYTES)
        self.expires_at = self.clock.now() + dt.timedelta(minutes=minutes)
        self._revoked = False

    def seconds_left(self) -> float:
        """Seconds until the expiry (0 once expired or revoked)."""
        if self._revoked:
            return 0.0
        return max(0.0, (self.expires_at - self.clock.now()).total_seconds())

    @property
    def expired(self) -> bool:
        return self.seconds_left() <= 0

    def revoke(self) -> None:
        """From now on every check fails (the sharing was stopped)."""
        self._revoked = True

    def valid(self, candidate: str | None) -> bool:
        """True when ``candidate`` is this session's token and the session is still open.

        The comparison takes the same time wherever the first difference is.
        """
        if candidate is None:
            return False
        same = hmac.compare_digest(
            candidate.encode("utf-8", "surrogateescape"), self.token.encode("ascii")
        )
        return same and not self.expired
