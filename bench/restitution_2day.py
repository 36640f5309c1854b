"""Restitution benchmark: the end-of-day PDF of a two-day workshop, its time and peak memory.

``python -m bench.restitution_2day [--runs N | --quick] [--output PATH]``

The harness seeds a temporary home once: a two-day agenda (Toulon then Lisieux, run to the end
on a fake clock), 40 participants, 5 use cases, 600 cards, 12 threads with their dots, and 20
photos of 3 megapixels (2048 × 1536 JPEG, drawn with Pillow). Then it alternates child
processes, each started fresh (``--child``):

* **restitution_2day**: opens the store and times ``restitution_pdf`` (read the store, downscale
  the photos, lay out, write the file atomically); its peak RSS is the child's ``ru_maxrss``.
* **baseline**: a minimal one-page reportlab document (one paragraph, Helvetica) built the same
  way in a child that imports only reportlab.

Figures (medians over the runs): the call's seconds against the baseline's build seconds, the
whole child (interpreter, imports, work) against the baseline child, and the peak RSS against
the baseline's. Targets are absolute (issue 8): the restitution in ≤ 5 s, peak memory ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from bench.capture_latency import merge_results
from bench.harness import RESULTS_PATH, Measurement, Result, format_table, run_timed

PARTICIPANTS = 40
CAPTURES = 600
THREADS = 12
PHOTOS = 20
PHOTO_SIZE = (2048, 1536)  # 3.1 megapixels
DEFAULT_RUNS = 3
QUICK_RUNS = 1
TARGET_SECONDS = 5.0
TARGET_MB = 300.0
T0 = dt.datetime(2024, 3, 14, 8, 0, tzinfo=dt.UTC)

_PHRASES = (
    "les données de fréquentation sont ressaisies à la main chaque semaine",
    "pas d'accès aux comptages vélo de la métropole",
    "un tableau de bord partagé entre les communes",
    "l'«\u00a0open data\u00a0» n'est pas à jour depuis 2019",
    "le contrat avec le prestataire ne prévoit pas la réutilisation",
    "silo du service voirie, personne ne connaît le format",
    "capteurs installés sans inventaire ni convention",
    "coût de la licence\u00a0: 12 500 € par an",
    "croiser cadastre, CAF et potentiel photovoltaïque",
    "un guichet unique pour les plaisanciers",
    "qui est propriétaire des données des bornes\u00a0?",
    "anonymiser avant de publier",
)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _sentence(rng: random.Random) -> str:
    text = " ; ".join(rng.choice(_PHRASES) for _ in range(rng.randint(1, 3)))
    return text[0].upper() + text[1:]


def _photo(rng: random.Random) -> bytes:
    """A 3-megapixel JPEG that weighs what a phone photo weighs (noise, shapes, gradient)."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    noise = Image.effect_noise((width // 2, height // 2), 60).resize(PHOTO_SIZE)
    tint = Image.new("RGB", PHOTO_SIZE, tuple(rng.randrange(80, 220) for _ in range(3)))
    image = Image.merge("RGB", [Image.blend(noise, band, 0.55) for band in tint.split()])
    draw = ImageDraw.Draw(image)
    for _shape in range(25):
        x, y = rng.randrange(width), rng.randrange(height)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle((x, y, x + rng.randrange(50, 500), y + rng.randrange(30, 300)), colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def seed(home: Path, progress: Callable[[str], None] = _progress) -> uuid.UUID:
    """Fill the store of ``home`` with the two-day workshop; return its id."""
    from sqlalchemy import insert, select

    from capadesk.core.domain.people import ParticipantFields
    from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage, ParticipantType
    from capadesk.core.runner import FakeClock, Runner
    from capadesk.core.services import runner as runner_service
    from capadesk.core.services.agenda import apply_protocol
    from capadesk.core.services.participants import add_participants
    from capadesk.core.services.protocols import find_protocol
    from capadesk.core.services.threads import create_thread, move_captures
    from capadesk.core.services.use_cases import add_use_case
    from capadesk.core.services.votes import keep_top, set_tally, vote_step
    from capadesk.core.services.workshops import create_workshop
    from capadesk.core.storage.migrate import open_store
    from capadesk.core.storage.models import Capture, Photo, UseCase, Workshop, utc_now
    from capadesk.paths import resolve

    rng = random.Random(8)
    app_paths = resolve(home).ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        summary, _changes = create_workshop(
            store,
            "Atelier de Toulon — deux jours",
            place="Toulon",
            day=T0.date(),
            programme="CAPACities 2022",
        )
        wid = summary.public_id
        first, second = find_protocol("capacities-1-toulon"), find_protocol("capacities-2-lisieux")
        apply_protocol(store, wid, replace(first, steps=first.steps + second.steps))
        use_cases = [
            add_use_case(store, wid, title, territory)[0].public_id
            for title, territory in (
                ("Mobilité douce", "Métropole Toulon Provence Méditerranée"),
                ("Gestion de crise", "Caux Seine agglo"),
                ("Port de plaisance", "Dunkerque"),
                ("Énergie des bâtiments", "Lisieux Normandie"),
                ("Tourisme en montagne", "Chamonix Mont-Blanc"),
            )
        ]
        types = list(ParticipantType)
        add_participants(
            store,
            wid,
            [
                (
                    uuid.uuid4(),
                    ParticipantFields(
                        f"Participant {n:02d} Nom{n}",
                        f"Organisation {n % 9}",
                        types[n % len(types)],
                        "",
                        float(rng.randrange(5, 900)),
                        n % 4 != 0,
                    ),
                    T0,
                )
                for n in range(PARTICIPANTS)
            ],
        )
        progress(f"restitution_2day: {PARTICIPANTS} participants, {len(use_cases)} use cases")

        kinds = [CaptureKind.IRRITANT] * 7 + [CaptureKind.WISH] * 6
        kinds += [CaptureKind.DATABASE, CaptureKind.APPLICATION, CaptureKind.IDEA]
        kinds += [CaptureKind.ACTION, CaptureKind.NOTE]
        stages: list[LifecycleStage | None] = [*LifecycleStage, None]
        capture_ids = [uuid.uuid4() for _ in range(CAPTURES)]
        with store.write() as session:
            row = session.scalars(select(Workshop.id).where(Workshop.public_id == wid)).one()
            use_case_rows = list(
                session.scalars(select(UseCase.id).where(UseCase.workshop_id == row))
            )
            now = utc_now()
            session.execute(
                insert(Capture),
                [
                    {
                        "public_id": capture_ids[n],
                        "workshop_id": row,
                        "use_case_id": rng.choice([*use_case_rows, None]),
                        "kind": rng.choice(kinds).value,
                        "text": _sentence(rng),
                        "lifecycle_stage": (s.value if (s := rng.choice(stages)) else None),
                        "note": "convention en cours" if n % 17 == 0 else "",
                        "sort_order": n,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in range(CAPTURES)
                ],
            )
        progress(f"restitution_2day: {CAPTURES} cards")

        step = vote_step(store, wid)
        for number in range(THREADS):
            thread, _changes = create_thread(
                store, wid, f"Fil {number + 1}\u00a0: {_sentence(rng)}"[:190]
            )
            members = capture_ids[number * 20 : number * 20 + rng.randint(8, 20)]
            move_captures(store, wid, members, thread.public_id)
            set_tally(store, wid, step, thread.public_id, rng.randrange(0, 30))
        keep_top(store, wid, step)
        progress(f"restitution_2day: {THREADS} threads with their dots")

        clock = FakeClock(T0)
        runner_service.act(store, wid, clock, Runner.start)
        for _step in range(len(first.steps) + len(second.steps)):
            clock.advance(rng.randrange(600, 4200))
            runner_service.act(store, wid, clock, Runner.next)

        for number in range(PHOTOS):
            data = _photo(rng)
            digest = hashlib.sha256(data).hexdigest()
            file_name = f"{digest[:2]}/{digest}.jpg"
            (app_paths.photos_dir / digest[:2]).mkdir(parents=True, exist_ok=True)
            (app_paths.photos_dir / file_name).write_bytes(data)
            with store.write() as session:
                row = session.scalars(select(Workshop.id).where(Workshop.public_id == wid)).one()
                session.add(
                    Photo(
                        workshop_id=row,
                        file_name=file_name,
                        sha256=digest,
                        media_type="image/jpeg",
                        width=PHOTO_SIZE[0],
                        height=PHOTO_SIZE[1],
                        size_bytes=len(data),
                        caption=f"Nappe du groupe {number % 5 + 1}",
                        taken_at=T0 + dt.timedelta(minutes=20 * number),
                    )
                )
        progress(f"restitution_2day: {PHOTOS} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]}")
    finally:
        store.close()
    return wid


def _peak_rss_mb() -> float:
    """This process's peak resident memory.

    Linux: VmHWM, this program's own high-water mark (``ru_maxrss`` would carry over the
    parent's peak across fork and exec). Elsewhere ``ru_maxrss`` (kilobytes, bytes on macOS).
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_restitution(home: Path, workshop: str, out: Path) -> None:
    """Time one restitution in this fresh process and print its figures."""
    from capadesk.core.export.restitution import restitution_pdf
    from capadesk.core.storage.store import Store
    from capadesk.paths import resolve

    app_paths = resolve(home)
    store = Store(app_paths.db_path)
    try:
        before = _peak_rss_mb()
        start, cpu = time.perf_counter(), time.process_time()
        pages = restitution_pdf(store, uuid.UUID(workshop), out, app_paths.photos_dir)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        store.close()
    print(f"seconds={seconds:.4f}")
    print(f"cpu_seconds={cpu:.4f}")
    print(f"peak_rss_mb={_peak_rss_mb():.1f}")
    print(f"rss_before_mb={before:.1f}")
    print(f"pages={pages}")
    print(f"size_mb={out.stat().st_size / 1e6:.2f}")


def child_baseline(out: Path) -> None:
    """Time a minimal one-page reportlab document in this fresh process."""
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.lib.styles import getSampleStyleSheet  # type: ignore[import-untyped]
    from reportlab.platypus import Paragraph, SimpleDocTemplate  # type: ignore[import-untyped]

    start = time.perf_counter()
    document = SimpleDocTemplate(str(out), pagesize=A4)
    document.build([Paragraph("Restitution de l'atelier", getSampleStyleSheet()["Normal"])])
    seconds = time.perf_counter() - start
    print(f"seconds={seconds:.4f}")
    print(f"peak_rss_mb={_peak_rss_mb():.1f}")


def measure(
    runs: int, progress: Callable[[str], None] = _progress
) -> tuple[dict[str, Measurement], dict[str, float]]:
    """Seed once, then ``runs`` alternated child runs of each side."""
    with tempfile.TemporaryDirectory(prefix="capadesk-bench-restitution-") as scratch:
        directory = Path(scratch)
        home = directory / "home"
        progress(f"restitution_2day: seeding {home}")
        workshop = seed(home, progress)
        python = sys.executable
        app_cmd = [python, "-m", "bench.restitution_2day", "--child", "restitution"]
        app_cmd += ["--home", str(home), "--workshop", str(workshop)]
        base_cmd = [python, "-m", "bench.restitution_2day", "--child", "baseline"]
        samples: dict[str, list[float]] = {key: [] for key in ("app", "base", "app_wall")}
        samples |= {"base_wall": [], "app_rss": [], "base_rss": []}
        last: dict[str, float] = {}
        for run in range(runs):
            for side, command in (("app", app_cmd), ("base", base_cmd)):
                out = directory / f"{side}-{run}.pdf"
                keys: tuple[str, ...] = ("seconds", "peak_rss_mb")
                if side == "app":
                    keys += ("cpu_seconds", "pages", "size_mb", "rss_before_mb")
                start = time.perf_counter()
                figures = run_timed(
                    f"restitution_2day {side}", [*command, "--out", str(out)], keys, timeout=300
                )
                samples[f"{side}_wall"].append(time.perf_counter() - start)
                samples[side].append(figures["seconds"])
                samples[f"{side}_rss"].append(figures["peak_rss_mb"])
                if side == "app":
                    last = figures
            progress(
                f"restitution_2day: run {run + 1}/{runs}: {samples['app'][-1]:.2f} s, "
                f"{samples['app_rss'][-1]:.0f} MB"
            )
    measured = {
        "app": Measurement("restitution_2day", "s", tuple(samples["app"])),
        "base": Measurement("minimal_pdf", "s", tuple(samples["base"])),
        "app_wall": Measurement("restitution_2day_process", "s", tuple(samples["app_wall"])),
        "base_wall": Measurement("minimal_pdf_process", "s", tuple(samples["base_wall"])),
        "app_rss": Measurement("restitution_2day_peak_rss", "MB", tuple(samples["app_rss"])),
        "base_rss": Measurement("minimal_pdf_peak_rss", "MB", tuple(samples["base_rss"])),
    }
    return measured, last


def run(runs: int = DEFAULT_RUNS, *, progress: Callable[[str], None] = _progress) -> list[Result]:
    """Measure and compare: what ``python -m bench`` calls, like ``startup.run``."""
    measured, _last = measure(runs, progress)
    return results(measured)


def results(measured: dict[str, Measurement]) -> list[Result]:
    """The three figures against their baselines (the targets are absolute: see ``main``)."""
    return [
        Result.compare("restitution_2day", measured["app"], measured["base"]),
        Result.compare("restitution_2day_process", measured["app_wall"], measured["base_wall"]),
        Result.compare("restitution_2day_peak_rss", measured["app_rss"], measured["base_rss"]),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table and the verdicts, merge the figures into results.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.restitution_2day", description=__doc__)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N")
    parser.add_argument("--quick", dest="runs", action="store_const", const=QUICK_RUNS)
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, metavar="PATH")
    parser.add_argument("--child", choices=("restitution", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workshop", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "restitution":
        child_restitution(args.home, args.workshop, args.out)
        return 0
    if args.child == "baseline":
        child_baseline(args.out)
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    measured, last = measure(args.runs)
    figures = results(measured)
    merge_results(figures, args.output)

    print()
    print(
        f"{args.runs} run(s) of each side: {PARTICIPANTS} participants, {CAPTURES} cards, "
        f"{THREADS} threads, {PHOTOS} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]}"
    )
    print(format_table(figures))
    print()
    seconds, _process, rss = figures
    time_met = "met" if seconds.value <= TARGET_SECONDS else "NOT met"
    rss_met = "met" if rss.value <= TARGET_MB else "NOT met"
    print(
        f"restitution_2day: {seconds.value:.2f} s (target ≤ {TARGET_SECONDS:.0f} s: {time_met}), "
        f"peak RSS {rss.value:.0f} MB (target ≤ {TARGET_MB:.0f} MB: {rss_met}; "
        f"{last.get('rss_before_mb', 0):.0f} MB before the call)"
    )
    print(
        f"restitution_2day: {int(last.get('pages', 0))} pages, {last.get('size_mb', 0):.1f} MB, "
        f"{last.get('cpu_seconds', 0):.2f} s of CPU in the last run (on a busy machine the wall "
        "time is well above it)"
    )
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
