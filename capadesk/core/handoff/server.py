"""The local server: waitress running ``HandoffApp`` in a thread, on one address, for a while.

``HandoffServer.start`` binds the one address chosen (never 0.0.0.0) on a free port, with
waitress's limits set explicitly (its defaults accept a 1 GiB body); ``stop`` revokes the
token, closes every connection in waitress's own loop thread and frees the port. The server
also stops by itself at the expiry. The token never reaches a log: a filter on the waitress and
werkzeug loggers blanks it in every message, argument and traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from capadesk.core.handoff.access import TOKEN_PARAMETER, Access
from capadesk.core.handoff.publication import Publication
from capadesk.core.handoff.webapp import HandoffApp
from capadesk.core.runner.clock import Clock

_log = logging.getLogger(__name__)
REDACTED = "[jeton masqué]"
_LOGGERS = ("waitress", "waitress.queue", "werkzeug")

# Explicit limits (see shared research, anchors-reliability §4.2): a room holds some dozens of
# phones; requests are small GETs; a slow or silent client is dropped after half a minute.
LIMITS: dict[str, Any] = {
    "threads": 8,
    "connection_limit": 100,
    "backlog": 64,
    "max_request_header_size": 8 * 1024,
    "max_request_body_size": 1024,  # nothing is uploaded: GET and HEAD only
    "channel_timeout": 30,
    "cleanup_interval": 10,
    "inbuf_overflow": 64 * 1024,
    "expose_tracebacks": False,
    "ident": "CapaDesk",
    "url_scheme": "http",
    "clear_untrusted_proxy_headers": True,
    "asyncore_use_poll": True,
    "log_socket_errors": False,
}


class TokenFilter(logging.Filter):
    """Blanks the given secrets out of every record that passes through a logger."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        for secret in self.secrets:
            message = message.replace(secret, REDACTED)
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, REDACTED)
        record.msg, record.args = message, None
        return True


class HandoffServer:
    """One sharing session of one publication (see module docstring).

    Raises OSError from ``start`` when the address cannot be bound (gone, or the port taken).
    """

    def __init__(
        self,
        publication: Publication,
        address: str,
        *,
        port: int = 0,
        minutes: float = 120,
        clock: Clock | None = None,
        zone: dt.tzinfo | None = None,
    ) -> None:
        self.publication = publication
        self.address = address
        self.access = Access(minutes, clock=clock)
        self._wanted_port = port
        self._zone = zone
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._watchdog: threading.Thread | None = None
        self._stopped = threading.Event()
        self._stop_lock = threading.Lock()
        self._filter = TokenFilter(self.access.token)
        self.port = 0

    @property
    def host(self) -> str:
        """« address:port », the only Host header accepted."""
        return f"{self.address}:{self.port}"

    @property
    def base_url(self) -> str:
        """The address without the token (safe to print or log)."""
        return f"http://{self.host}/"

    @property
    def url(self) -> str:
        """What the QR code carries: the page with the token."""
        return f"{self.base_url}?{TOKEN_PARAMETER}={self.access.token}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Bind and serve in a background thread."""
        from waitress.server import create_server  # type: ignore[import-untyped]

        if self._thread is not None:
            raise RuntimeError("a HandoffServer starts once")
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(self._filter)
        app = HandoffApp(self.publication, self.access, "", zone=self._zone)
        try:
            self._server = create_server(app, host=self.address, port=self._wanted_port, **LIMITS)
        except BaseException:
            self._remove_filter()
            raise
        self.port = int(self._server.effective_port)
        app.host = self.host
        self._thread = threading.Thread(target=self._serve, name="capadesk-handoff", daemon=True)
        self._thread.start()
        self._watchdog = threading.Thread(
            target=self._expire, name="capadesk-handoff-expiry", daemon=True
        )
        self._watchdog.start()
        _log.info("handoff: serving %s until %s", self.base_url, self.access.expires_at)

    def _serve(self) -> None:
        try:
            self._server.run()
        except Exception:  # the laptop's app must outlive its server
            _log.exception("handoff: the server stopped on an error")
        finally:
            self._stopped.set()

    def _expire(self) -> None:
        # Real seconds, read from the session's clock at each wake: a clock moved forward (tests,
        # or the wall clock corrected) ends the session at the next check.
        while not self._stopped.wait(min(1.0, max(0.05, self.access.seconds_left()))):
            if self.access.expired:
                self.stop()
                return

    def stop(self, timeout: float = 5.0) -> None:
        """Refuse every request from now on, close all connections, free the port; idempotent
        and safe from any thread (the expiry's and the caller's may race)."""
        self.access.revoke()
        with self._stop_lock:
            server, self._server = self._server, None
            if server is None:
                self._stopped.set()
                return
            if self._thread is not None and self._thread.is_alive():
                server.trigger.pull_trigger(lambda: _close_all(server))
                if threading.current_thread() is not self._thread:
                    self._thread.join(timeout)
            self._stopped.set()
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=timeout)
            _log.info("handoff: stopped %s", self.base_url)
            self._remove_filter()

    def _remove_filter(self) -> None:
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(self._filter)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server has stopped (True) or ``timeout`` seconds passed (False)."""
        return self._stopped.wait(timeout)


def _close_all(server: Any) -> None:
    """Run in waitress's loop thread: close every channel and the listener; the loop then has
    nothing left to watch and returns."""
    for channel in list(server._map.values()):
        if channel is not server.trigger and channel is not server:
            channel.close()
    server.close()  # the listening socket and the trigger
