"""``capadesk demo``: the demo day built through the services, and every export it writes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from capadesk import cli_demo, paths
from capadesk.core.archive.importer import import_archive
from capadesk.core.demo.builder import DemoSize, build_demo
from capadesk.core.errors import ValidationError
from capadesk.core.export.data_export import export_json
from capadesk.core.services.captures import list_captures
from capadesk.core.services.workshops import list_workshops
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.store import Store
from tests.core.export_support import pdf_pages

SMALL = DemoSize(participants=12, captures=40, photos=2)


def _run(out: Path, home: Path | None = None, *, seed: int = 7) -> int:
    args = argparse.Namespace(home=str(home) if home else None, out=out, seed=seed, small=True)
    return cli_demo.run(args, paths.resolve(home or out.parent / "unused-home"))


def test_demo_writes_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert _run(out) == 0
    printed = capsys.readouterr().out.splitlines()
    written = [Path(line.split("\u00a0: ", 1)[1].split(" — ")[0]) for line in printed[1:]]
    assert written and all(path.is_file() and path.stat().st_size > 0 for path in written)
    names = {path.name for path in written}
    assert {"cartes.csv", "fils.csv", "votes.csv", "participants.csv"} <= names
    assert sum(n.startswith("matrice-vierge-") for n in names) == 6
    assert sum(n.startswith("matrice-remplie-") for n in names) == 6
    assert not (tmp_path / "unused-home").exists()  # without --home the day lives in a temp home

    restitution = next(p for p in written if p.name.startswith("restitution-"))
    text = " ".join(pdf_pages(restitution.read_bytes()))
    assert "Dessiner les cas d'usage" in text
    assert "Mobilité douce et stationnement" in text
    sheets = next(p for p in written if p.name.startswith("fiches-"))
    assert "Gestion des déchets et collecte" in " ".join(pdf_pages(sheets.read_bytes()))
    filled = " ".join(pdf_pages((out / "matrice-remplie-fiche-action.pdf").read_bytes()))
    assert any(
        phrase in filled for phrase in ("Réduire la ressaisie", "Nommer un référent", "métropole")
    )

    document = json.loads(next(out.glob("donnees-*.json")).read_text(encoding="utf-8"))
    assert len(document["use_cases"]) == 5
    assert len(document["participants"]) == SMALL.participants
    assert len(document["captures"]) == SMALL.captures
    assert len(document["threads"]) == 10
    assert sum(t["dots"] for t in document["threads"]) == 4 * SMALL.participants
    assert sum(t["kept"] for t in document["threads"]) >= 8  # ties at the cut are all kept
    assert (out / "csv" / "cartes.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    fresh = paths.resolve(tmp_path / "fresh").ensure()
    store, _report = open_store(fresh.db_path, fresh.backups_dir)
    try:
        archive = next(out.glob("*.capadesk"))
        import_archive(store, archive, fresh, dt.datetime.now(dt.UTC))
        (workshop,) = list_workshops(store)
        assert len(list_captures(store, workshop.public_id)) == SMALL.captures
        assert len(list(fresh.photos_dir.iterdir())) == SMALL.photos
    finally:
        store.close()


def test_same_seed_same_day(tmp_path: Path) -> None:
    def content(seed: int, name: str) -> dict[str, object]:
        app_paths = paths.resolve(tmp_path / name)
        app_paths.ensure()
        store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
        try:
            day = build_demo(store, app_paths.photos_dir, seed=seed, size=SMALL)
            document = export_json(store, day.workshop_id)
        finally:
            store.close()
        keep = ("id", "kind", "text", "stage", "use_case_id", "thread_id")
        return {
            "captures": [{k: c.get(k) for k in keep} for c in document["captures"]],
            "threads": [(t["id"], t["dots"], t["kept"]) for t in document["threads"]],
            "participants": document["participants"],
        }

    first = content(3, "a")
    assert first == content(3, "b")
    assert first != content(4, "c")


def test_given_home_keeps_the_day_and_refuses_it_twice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _run(tmp_path / "out", home) == 0
    app_paths = paths.resolve(home)
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        assert len(list_workshops(store)) == 1
        with pytest.raises(ValidationError, match="existe déjà"):
            build_demo(store, app_paths.photos_dir, seed=7, size=SMALL)
    finally:
        store.close()


def test_full_day_counts(store: Store, app_paths: paths.AppPaths) -> None:
    day = build_demo(store, app_paths.photos_dir)
    assert (day.use_cases, day.participants, day.captures) == (5, 30, 150)
    assert (day.groups, day.matrices, day.photos) == (5, 6, 6)
    kinds = {c.kind for c in list_captures(store, day.workshop_id)}
    assert {"irritant", "souhait", "base-de-donnees", "application", "flux-de-donnees"} <= {
        str(getattr(k, "value", k)) for k in kinds
    }
