"""Handoff load: a room of phones fetching the page and the PDF from the laptop at once.

``python -m bench.handoff_load [--seconds S | --quick] [--clients N] [--pdf-mb M] [--output PATH]``

A workshop is seeded and published (its CSV files, and a stand-in restitution PDF of ``--pdf-mb``
MB — the size of a day with photos — offered as the caller's file). Then, for ``--seconds`` each
(30; 5 with ``--quick``), ``--clients`` threads (40) with one keep-alive ``http.client``
connection each fetch the page then the PDF, again and again, on loopback:

* **App**: ``HandoffServer`` (waitress, every check on: Host, cookie, manifest, headers), the
  clients holding the cookie;
* **Baseline**: the stdlib's ``ThreadingHTTPServer`` + ``SimpleHTTPRequestHandler`` serving the
  same page bytes and the same PDF from the same folder, with no check at all.

Each server runs in its own child process, so the clients' threads do not share its GIL. Any
status other than 200, short body or socket error counts as an error (target: zero).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from bench.capture_latency import merge_results
from bench.harness import RESULTS_PATH, BenchError, Result, format_table

DEFAULT_SECONDS = 30.0
QUICK_SECONDS = 5.0
DEFAULT_CLIENTS = 40
DEFAULT_PDF_MB = 2.0
LOOPBACK = "127.0.0.1"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Target(NamedTuple):
    """Where a server listens and what a client sends to it."""

    port: int
    page: str
    pdf: str
    cookie: str  # empty for the baseline
    pdf_size: int


class Side(NamedTuple):
    """One side's figures over its run."""

    page_ms: tuple[float, ...]
    pdf_bytes: int
    seconds: float
    errors: int
    requests: int

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.page_ms, n=100, method="inclusive")[94]

    @property
    def mb_per_s(self) -> float:
        return self.pdf_bytes / 1_000_000 / self.seconds


def publish_fixture(folder: Path, pdf_mb: float) -> Any:
    """A seeded store published into ``folder / "out"``, its PDF ``pdf_mb`` MB of stand-in bytes."""
    import random

    from capadesk.core.domain.vocabulary import CaptureKind
    from capadesk.core.handoff.publication import PDF, OfferedFile, publish
    from capadesk.core.services.captures import add_capture
    from capadesk.core.services.threads import create_thread, set_kept
    from capadesk.core.services.votes import set_tally
    from capadesk.core.services.workshops import create_workshop
    from capadesk.core.storage.migrate import open_store

    store, _report = open_store(folder / "capadesk.db", folder / "backups")
    try:
        workshop, _changes = create_workshop(store, "Atelier de Toulon — banc d'essai")
        wid = workshop.public_id
        for n in range(8):
            thread, _changes = create_thread(store, wid, f"Sujet retenu numéro {n + 1}")
            set_tally(store, wid, None, thread.public_id, 12 - n)
            set_kept(store, [thread.public_id], True)
        for n in range(6):
            add_capture(store, wid, CaptureKind.ACTION, f"Action à mener numéro {n + 1}")
        pdf = folder / "restitution.pdf"
        rng = random.Random(9)
        pdf.write_bytes(b"%PDF-1.7\n" + rng.randbytes(int(pdf_mb * 1_000_000)))
        offered = OfferedFile(pdf, "Télécharger le compte rendu (PDF)", PDF, "compte-rendu.pdf")
        return publish(store, wid, folder / "out", files=[offered])
    finally:
        store.close()


def _serve_app(publication: Any, ready: Any, stop: Any) -> None:
    import logging

    from capadesk.core.handoff.access import COOKIE_NAME

    # « Task queue depth is N » is expected under this load: all threads busy, requests queued.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    from capadesk.core.handoff.server import HandoffServer

    server = HandoffServer(publication, LOOPBACK, minutes=60)
    server.start()
    pdf = publication.files[0]
    cookie = f"{COOKIE_NAME}={server.access.token}"
    ready.put(Target(server.port, "/", f"/f/{pdf.file_id}", cookie, pdf.size))
    stop.wait()
    server.stop()


def _serve_baseline(publication: Any, ready: Any, stop: Any) -> None:
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from capadesk.core.handoff.page import render_page

    folder = Path(publication.folder)
    page = folder / "index.html"
    page.write_text(render_page(publication, _now()), encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as waitress

        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pdf = publication.files[0]
    ready.put(Target(server.server_address[1], "/index.html", f"/{pdf.path.name}", "", pdf.size))
    stop.wait()
    server.shutdown()
    server.server_close()


def _now() -> Any:
    import datetime as dt

    return dt.datetime.now(dt.UTC).astimezone()


def _client(target: Target, deadline: float, out: list[Side], lock: threading.Lock) -> None:
    page_ms: list[float] = []
    pdf_bytes = errors = requests = 0
    headers = {"Host": f"{LOOPBACK}:{target.port}"}
    if target.cookie:
        headers["Cookie"] = target.cookie
    connection = http.client.HTTPConnection(LOOPBACK, target.port, timeout=30)
    while time.perf_counter() < deadline:
        for path, is_page in ((target.page, True), (target.pdf, False)):
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and (is_page or len(body) == target.pdf_size)
            except (OSError, http.client.HTTPException):
                ok, body = False, b""
                connection.close()
                connection = http.client.HTTPConnection(LOOPBACK, target.port, timeout=30)
            requests += 1
            if not ok:
                errors += 1
                continue
            if is_page:
                page_ms.append((time.perf_counter() - start) * 1000.0)
            else:
                pdf_bytes += len(body)
    connection.close()
    with lock:
        out.append(Side(tuple(page_ms), pdf_bytes, 0.0, errors, requests))


def load(
    serve: Callable[[Any, Any, Any], None],
    publication: Any,
    clients: int,
    seconds: float,
) -> Side:
    """Start ``serve`` in a child process, run the clients against it, stop it."""
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    child = context.Process(target=serve, args=(publication, ready, stop), daemon=True)
    child.start()
    try:
        target: Target = ready.get(timeout=60)
        sides: list[Side] = []
        lock = threading.Lock()
        start = time.perf_counter()
        deadline = start + seconds
        threads = [
            threading.Thread(target=_client, args=(target, deadline, sides, lock))
            for _ in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 120)
        elapsed = time.perf_counter() - start
    finally:
        stop.set()
        child.join(30)
        if child.is_alive():
            child.terminate()
    if len(sides) != clients:
        raise BenchError(f"handoff_load: {clients - len(sides)} client thread(s) never finished")
    page_ms = tuple(ms for side in sides for ms in side.page_ms)
    if len(page_ms) < 2:
        raise BenchError("handoff_load: fewer than two pages fetched; is the server up?")
    return Side(
        page_ms,
        sum(s.pdf_bytes for s in sides),
        elapsed,
        sum(s.errors for s in sides),
        sum(s.requests for s in sides),
    )


def results(app: Side, base: Side) -> list[Result]:
    """The page's p95 and median latency, and the PDF throughput, against the baseline's."""

    def entry(
        name: str, unit: str, value: float, baseline: float, low: float, high: float
    ) -> Result:
        return Result(
            name=name,
            value=value,
            unit=unit,
            baseline=baseline,
            ratio=value / baseline,
            low=low,
            high=high,
            baseline_low=min(base.page_ms) if unit == "ms" else baseline,
            baseline_high=max(base.page_ms) if unit == "ms" else baseline,
            runs=len(app.page_ms),
        )

    return [
        entry("handoff_page_p95", "ms", app.p95, base.p95, min(app.page_ms), max(app.page_ms)),
        entry(
            "handoff_page_median",
            "ms",
            statistics.median(app.page_ms),
            statistics.median(base.page_ms),
            min(app.page_ms),
            max(app.page_ms),
        ),
        entry(
            "handoff_pdf_throughput",
            "MB/s",
            app.mb_per_s,
            base.mb_per_s,
            app.mb_per_s,
            app.mb_per_s,
        ),
    ]


def run(
    seconds: float = DEFAULT_SECONDS,
    *,
    clients: int = DEFAULT_CLIENTS,
    pdf_mb: float = DEFAULT_PDF_MB,
    progress: Callable[[str], None] = _progress,
) -> tuple[list[Result], Side, Side]:
    """Measure both sides: what ``python -m bench`` can call."""
    with tempfile.TemporaryDirectory(prefix="capadesk-bench-handoff-") as scratch:
        folder = Path(scratch)
        progress(f"handoff_load: publishing a workshop with a {pdf_mb:g} MB PDF in {folder}")
        publication = publish_fixture(folder, pdf_mb)
        progress(f"handoff_load: CapaDesk, {clients} clients for {seconds:g} s")
        app = load(_serve_app, publication, clients, seconds)
        progress(f"handoff_load: http.server baseline, {clients} clients for {seconds:g} s")
        base = load(_serve_baseline, publication, clients, seconds)
    return results(app, base), app, base


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table and the verdict, merge the figures into results.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.handoff_load", description=__doc__)
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS, metavar="S")
    parser.add_argument("--quick", dest="seconds", action="store_const", const=QUICK_SECONDS)
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS, metavar="N")
    parser.add_argument("--pdf-mb", type=float, default=DEFAULT_PDF_MB, metavar="M")
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, metavar="PATH")
    args = parser.parse_args(argv)
    try:
        figures, app, base = run(args.seconds, clients=args.clients, pdf_mb=args.pdf_mb)
    except BenchError as error:
        print(f"bench: FAILED — {error}", file=sys.stderr)
        return 1
    merge_results(figures, args.output)

    print()
    print(
        f"{args.clients} clients × {args.seconds:g} s on loopback, page + {args.pdf_mb:g} MB PDF, "
        f"{os.cpu_count()} CPU(s)"
    )
    print(format_table(figures))
    print()
    for name, side in (("CapaDesk", app), ("http.server", base)):
        print(
            f"{name}: {side.requests} requests, {side.errors} errors, "
            f"{len(side.page_ms)} pages, {side.pdf_bytes / 1_000_000:.0f} MB of PDF"
        )
    verdict = "met" if app.errors == 0 else "NOT met"
    print(f"handoff_load: {app.errors} errors (target 0: {verdict})")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
