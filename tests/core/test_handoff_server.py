"""The handoff server on loopback: the token, the cookie, the Host, the manifest, the stop."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from capadesk.core.handoff.access import COOKIE_NAME, Access
from capadesk.core.handoff.publication import Publication
from capadesk.core.handoff.server import REDACTED, HandoffServer
from capadesk.core.handoff.webapp import SECURITY_HEADERS
from capadesk.core.runner.clock import FakeClock
from capadesk.core.storage.store import Store

from .handoff_support import PDF_BYTES, Answer, fetch, published

LOOPBACK = "127.0.0.1"
SECRET = b"contenu secret hors du partage"


@pytest.fixture
def publication(store: Store, tmp_path: Path) -> Publication:
    # A file next to the publication's folder, and one at the root of the temporary dir: what
    # a traversal would try to reach.
    (tmp_path / "secret.txt").write_bytes(SECRET)
    return published(store, tmp_path)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(publication: Publication, clock: FakeClock) -> Iterator[HandoffServer]:
    running = HandoffServer(publication, LOOPBACK, minutes=120, clock=clock)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def get(server: HandoffServer, target: str, **options: str | None) -> Answer:
    return fetch(LOOPBACK, server.port, target, **options)  # type: ignore[arg-type]


def cookie_of(server: HandoffServer) -> str:
    return f"{COOKIE_NAME}={server.access.token}"


def routes(publication: Publication) -> list[str]:
    return ["/", *(f"/f/{f.file_id}" for f in publication.files), "/nope", "/f/", "/favicon.ico"]


def refusal(server: HandoffServer) -> Answer:
    return get(server, "/")


def test_the_url_holds_a_token_of_at_least_128_bits_on_the_chosen_address(
    server: HandoffServer,
) -> None:
    assert server.url == f"http://127.0.0.1:{server.port}/?t={server.access.token}"
    assert len(server.access.token) >= 22  # base64url: 6 bits a character, 22 → 132 bits
    assert Access().token != Access().token
    assert server.port > 0 and server.running


def test_without_or_with_a_wrong_token_every_route_answers_the_same_refusal(
    server: HandoffServer, publication: Publication
) -> None:
    wrong = "x" * len(server.access.token)
    expected = refusal(server)
    assert expected.status == 404 and b"Page indisponible" in expected.body
    for target in routes(publication):
        for answer in (
            get(server, target),
            get(server, f"{target}?t={wrong}"),
            get(server, target, cookie=f"{COOKIE_NAME}={wrong}"),
            get(server, f"{target}?t={server.access.token[:-1]}"),
            get(server, target, cookie=f"{COOKIE_NAME}={server.access.token}x"),
        ):
            assert (answer.status, answer.body) == (expected.status, expected.body), target
            assert "set-cookie" not in answer.headers


def test_the_token_moves_into_a_strict_http_only_cookie_then_the_url_is_clean(
    server: HandoffServer, publication: Publication
) -> None:
    first = get(server, server.url.removeprefix(server.base_url[:-1]))
    assert first.status == 303
    assert first.headers["location"] == "/"
    cookie = first.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "path", "max-age"} <= attributes
    assert "SameSite=Strict" in cookie
    assert cookie.split(";")[0] == cookie_of(server)
    page = get(server, "/", cookie=cookie.split(";")[0])
    assert page.status == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    text = page.body.decode("utf-8")
    assert '<html lang="fr">' in text and "Des données de comptage partagées" in text
    assert server.access.token not in text
    for shared in publication.files:
        answer = get(server, f"/f/{shared.file_id}", cookie=cookie_of(server))
        assert answer.status == 200
        assert answer.body == shared.path.read_bytes()
        assert answer.headers["content-type"].startswith(shared.media_type.split(";")[0])
        assert "attachment" in answer.headers["content-disposition"]
    pdf = get(server, f"/f/{publication.files[0].file_id}", cookie=cookie_of(server))
    assert pdf.body == PDF_BYTES


def test_a_token_in_the_url_of_a_file_also_redirects_to_the_clean_url(
    server: HandoffServer, publication: Publication
) -> None:
    target = f"/f/{publication.files[1].file_id}"
    answer = get(server, f"{target}?t={server.access.token}")
    assert (answer.status, answer.headers["location"]) == (303, target)


def test_every_answer_carries_the_security_headers(
    server: HandoffServer, publication: Publication
) -> None:
    answers = [
        get(server, "/"),
        get(server, f"/?t={server.access.token}"),
        get(server, "/", cookie=cookie_of(server)),
        get(server, f"/f/{publication.files[0].file_id}", cookie=cookie_of(server)),
    ]
    for answer in answers:
        for name, value in SECURITY_HEADERS.items():
            assert answer.headers[name.lower()] == value
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert SECURITY_HEADERS["Cache-Control"] == "no-store"


def test_an_expired_token_or_cookie_gets_the_refusal_and_the_server_stops(
    server: HandoffServer, clock: FakeClock
) -> None:
    expected = refusal(server)
    assert get(server, "/", cookie=cookie_of(server)).status == 200
    clock.advance(120 * 60 + 1)
    for answer in (
        get(server, "/", cookie=cookie_of(server)),
        get(server, f"/?t={server.access.token}"),
    ):
        assert (answer.status, answer.body) == (expected.status, expected.body)
    assert server.wait(10), "the expiry did not stop the server"
    with pytest.raises(ConnectionRefusedError):
        get(server, "/")


def test_a_token_from_an_earlier_session_opens_nothing(
    publication: Publication, clock: FakeClock
) -> None:
    earlier = HandoffServer(publication, LOOPBACK, clock=clock)
    earlier.start()
    old_token = earlier.access.token
    port = earlier.port
    earlier.stop()
    later = HandoffServer(publication, LOOPBACK, port=port, clock=clock)
    later.start()
    try:
        expected = refusal(later)
        for answer in (
            get(later, f"/?t={old_token}"),
            get(later, "/", cookie=f"{COOKIE_NAME}={old_token}"),
        ):
            assert (answer.status, answer.body) == (expected.status, expected.body)
        assert get(later, "/", cookie=cookie_of(later)).status == 200
    finally:
        later.stop()


@pytest.mark.parametrize(
    "host", ["evil.example", "localhost:{port}", "127.0.0.1", "127.0.0.1:1", "", "0x7f.1:{port}"]
)
def test_a_wrong_host_header_is_refused_even_with_the_cookie(
    server: HandoffServer, host: str
) -> None:
    expected = refusal(server)
    answer = get(server, "/", cookie=cookie_of(server), host=host.format(port=server.port))
    assert (answer.status, answer.body) == (expected.status, expected.body)
    redirect = get(server, f"/?t={server.access.token}", host="rebound.example")
    assert redirect.status == 404 and "set-cookie" not in redirect.headers


def test_only_get_and_head_are_answered(server: HandoffServer) -> None:
    expected = refusal(server)
    head = get(server, "/", cookie=cookie_of(server), method="HEAD")
    assert head.status == 200 and head.body == b""
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "TRACE"):
        answer = get(server, "/", cookie=cookie_of(server), method=method)
        assert (answer.status, answer.body) == (expected.status, expected.body), method


def test_traversal_attempts_never_open_a_file_outside_the_manifest(
    server: HandoffServer, publication: Publication, tmp_path: Path
) -> None:
    expected = refusal(server)
    folder = publication.folder
    real = publication.files[1]
    secret = tmp_path / "secret.txt"
    targets = [
        "/../secret.txt",
        "/f/../secret.txt",
        "/f/../../secret.txt",
        "/f/..%2Fsecret.txt",
        "/f/%2e%2e%2fsecret.txt",
        "/f/%2E%2E/%2E%2E/secret.txt",
        "/f/..\\secret.txt",
        "/f/..%5Csecret.txt",
        "/f/%5C..%5C..%5Csecret.txt",
        f"/f/{secret}",
        f"/f/{secret.as_posix().replace('/', '%2F')}",
        f"/f//{secret}",
        f"/{secret}",
        f"/{folder.name}/{real.path.name}",
        f"/f/{real.path.name}",
        f"/f/{real.file_id}/../secret.txt",
        f"/f/{real.file_id}%00",
        f"/f/{real.file_id}%00/../../secret.txt",
        "/f/%00",
        "/f/.",
        "/f/..",
        "/.",
        "/f/?",
        f"/f/{real.file_id}/",
        f"/F/{real.file_id}",
        f"/f/{real.file_id.upper() if real.file_id != real.file_id.upper() else 'x'}",
    ]
    for target in targets:
        answer = get(server, target, cookie=cookie_of(server))
        assert SECRET not in answer.body, target
        assert real.path.read_bytes() not in answer.body, target
        assert answer.status in (400, 404), target
        if answer.status == 404:
            assert answer.body == expected.body, target


def test_no_directory_listing(server: HandoffServer) -> None:
    for target in ("/f/", "/f", "/static/", "/out/"):
        answer = get(server, target, cookie=cookie_of(server))
        assert answer.status == 404 and b"<li>" not in answer.body


def test_a_file_removed_from_the_folder_is_refused(
    server: HandoffServer, publication: Publication
) -> None:
    gone = publication.files[2]
    gone.path.unlink()
    answer = get(server, f"/f/{gone.file_id}", cookie=cookie_of(server))
    assert (answer.status, answer.body) == (404, refusal(server).body)


def test_stop_frees_the_port_even_with_an_idle_connection_open(server: HandoffServer) -> None:
    port = server.port
    idle = socket.create_connection((LOOPBACK, port), timeout=5)  # a phone that keeps the socket
    try:
        assert get(server, "/", cookie=cookie_of(server)).status == 200
        server.stop()
        assert not server.running
        assert idle.recv(1) == b""  # closed by the server
        with pytest.raises(ConnectionRefusedError):
            get(server, "/")
        again = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # As a server sets it (waitress does): the closed connections' TIME_WAIT do not block
        # the bind, a socket still listening would.
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            again.bind((LOOPBACK, port))
            again.listen()
        finally:
            again.close()
    finally:
        idle.close()
    server.stop()  # twice: harmless


def test_the_server_binds_only_the_chosen_address(server: HandoffServer) -> None:
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        other.connect(("198.51.100.1", 9))
        own = other.getsockname()[0]
    except OSError:
        own = None
    finally:
        other.close()
    if own and own != LOOPBACK:
        with pytest.raises(ConnectionRefusedError):
            fetch(own, server.port, "/")


def test_the_token_never_reaches_the_logs(
    server: HandoffServer, publication: Publication, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = server.access.token
    get(server, f"/?t={token}")
    get(server, "/", cookie=cookie_of(server))
    get(server, f"/f/{publication.files[0].file_id}?t={token}")
    get(server, f"/nope?t={token}", host="evil.example")
    # What waitress or werkzeug could write with a URL or a header in it, a traceback included.
    logging.getLogger("waitress").warning("Exception while serving /?t=%s", token)
    logging.getLogger("werkzeug").info(f"GET /?t={token} HTTP/1.1")
    try:
        raise ValueError(f"bad cookie {token}")
    except ValueError:
        logging.getLogger("waitress").exception("Exception when servicing %r", token)
    server.stop()
    assert REDACTED in caplog.text
    assert token not in caplog.text
    assert all(token not in (r.exc_text or "") for r in caplog.records)
    assert any("handoff: stopped http://127.0.0.1" in r.getMessage() for r in caplog.records)


def test_many_phones_at_once_all_get_the_page(server: HandoffServer) -> None:
    statuses: list[int] = []
    lock = threading.Lock()

    def phone() -> None:
        for _ in range(5):
            status = get(server, "/", cookie=cookie_of(server)).status
            with lock:
                statuses.append(status)

    phones = [threading.Thread(target=phone) for _ in range(20)]
    for thread in phones:
        thread.start()
    for thread in phones:
        thread.join(30)
    assert statuses == [200] * 100
