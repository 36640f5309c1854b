"""The WSGI application the handoff server runs: two kinds of route, one refusal.

Checks, in this order, on every request: the method (GET or HEAD), the Host header (exactly
the served « address:port », against DNS rebinding), the token (in the query once, then in the
cookie), then the route: ``/`` (the page) or ``/f/<id>`` (a file of the manifest, looked up by
its id in a dict — the URL never becomes a path). Anything else gets the very same 404,
whatever failed, so a scanner learns nothing. Every answer carries no-store, no-referrer,
nosniff and a Content-Security-Policy that allows no script.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from capadesk.core.handoff.access import COOKIE_NAME, TOKEN_PARAMETER, Access
from capadesk.core.handoff.page import CSP, render_page, render_refusal
from capadesk.core.handoff.publication import Publication, SharedFile

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

HTML = "text/html; charset=utf-8"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_FILE_PREFIX = "/f/"


class HandoffApp:
    """Serves ``publication`` to the holders of ``access``'s token, at ``host`` only."""

    def __init__(
        self,
        publication: Publication,
        access: Access,
        host: str,
        *,
        zone: dt.tzinfo | None = None,
    ) -> None:
        self.access = access
        self.host = host
        self._files = dict(publication.manifest())
        closes_at = access.expires_at.astimezone(zone)
        self._page = render_page(publication, closes_at).encode("utf-8")
        self._refusal = render_refusal().encode("utf-8")

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        response = self.respond(request)
        response.headers.update(SECURITY_HEADERS)
        return response(environ, start_response)

    def respond(self, request: Request) -> Response:
        """The answer to ``request`` (before the security headers are added)."""
        if request.method not in ("GET", "HEAD") or request.environ.get("HTTP_HOST") != self.host:
            return self.refusal()
        offered = request.args.get(TOKEN_PARAMETER)
        from_cookie = self.access.valid(request.cookies.get(COOKIE_NAME))
        if offered is not None:
            from_query = self.access.valid(offered)
            if not (from_query or from_cookie):
                return self.refusal()
            target = self._target(request.path)
            if target is None:
                return self.refusal()
            # The token leaves the URL: a redirect to the same path, the cookie set on the way.
            response = Response(status=303, headers={"Location": request.path})
            if from_query:
                response.set_cookie(
                    COOKIE_NAME,
                    self.access.token,
                    max_age=max(1, int(self.access.seconds_left())),
                    path="/",
                    httponly=True,
                    samesite="Strict",
                )
            return response
        if not from_cookie:
            return self.refusal()
        target = self._target(request.path)
        if target is None:
            return self.refusal()
        if isinstance(target, str):
            return Response(self._page, status=200, content_type=HTML)
        return self._send(request, target)

    def refusal(self) -> Response:
        """The single answer to anything refused."""
        return Response(self._refusal, status=404, content_type=HTML)

    def _target(self, path: str) -> SharedFile | str | None:
        if path == "/":
            return "page"
        if path.startswith(_FILE_PREFIX):
            return self._files.get(path[len(_FILE_PREFIX) :])
        return None

    def _send(self, request: Request, shared: SharedFile) -> Response:
        try:
            return send_file(
                shared.path,
                request.environ,
                mimetype=shared.media_type,
                as_attachment=True,
                download_name=shared.download_name,
                conditional=True,
                max_age=None,
            )
        except OSError:  # removed from the publication's folder since: nothing to send
            return self.refusal()
