"""The publication (summary and manifest), the phone page, the interfaces, the CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import threading
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from capadesk import cli_serve
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.handoff import interfaces
from capadesk.core.handoff.interfaces import Interface, ordered, proposed
from capadesk.core.handoff.page import render_page
from capadesk.core.handoff.publication import (
    CSV,
    PDF,
    OfferedFile,
    ThreadLine,
    publish,
)
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths

from .handoff_support import ACTIONS, CONSENTING, KEPT, NOT_KEPT, SECRET_NAME, published

CLOSES = dt.datetime(2024, 3, 14, 17, 30, tzinfo=dt.UTC)


def test_the_summary_lists_the_kept_threads_by_votes_and_the_actions(
    store: Store, tmp_path: Path
) -> None:
    publication = published(store, tmp_path)
    assert publication.title == "Atelier de Toulon"
    assert (publication.place, publication.day) == ("Toulon", dt.date(2024, 3, 14))
    # Wall tally 4 + one dot from each of the two participants: 6; then 3.
    assert publication.threads == (ThreadLine(KEPT[0], 6), ThreadLine(KEPT[1], 3))
    assert [a.text for a in publication.actions] == list(ACTIONS)
    assert [a.use_case for a in publication.actions] == ["Mobilité douce", ""]
    assert "CAPACities 2024" in publication.after


def test_the_manifest_holds_the_pdf_and_the_csv_files_under_random_ids(
    store: Store, tmp_path: Path
) -> None:
    publication = published(store, tmp_path, real_pdf=True)
    kinds = [f.media_type for f in publication.files]
    assert kinds == [PDF, CSV, CSV]
    ids = [f.file_id for f in publication.files]
    assert len(set(ids)) == 3 and all(len(i) >= 16 for i in ids)
    for shared in publication.files:
        assert shared.path.is_absolute() and shared.path.parent == publication.folder
        assert shared.size == shared.path.stat().st_size > 0
        assert shared.label and shared.download_name.startswith("atelier-de-toulon-")
    assert publication.manifest()[ids[0]] is publication.files[0]
    reader = PdfReader(publication.files[0].path)
    assert len(reader.pages) >= 2


def test_no_published_file_nor_the_page_names_a_participant(store: Store, tmp_path: Path) -> None:
    publication = published(store, tmp_path, real_pdf=True)
    page = render_page(publication, CLOSES)
    assert SECRET_NAME not in page and CONSENTING not in page
    for shared in publication.files[1:]:
        text = shared.path.read_bytes().decode("utf-8-sig")
        assert SECRET_NAME not in text and CONSENTING not in text
    pdf_text = " ".join(p.extract_text() for p in PdfReader(publication.files[0].path).pages)
    assert SECRET_NAME not in pdf_text


def test_the_page_is_french_escaped_and_script_free(store: Store, tmp_path: Path) -> None:
    publication = published(store, tmp_path)
    page = render_page(publication, CLOSES)
    assert page.startswith('<!doctype html><html lang="fr">')
    assert "<script>" not in page and "&lt;script&gt;" in page  # a thread's title, escaped
    assert "Écrire la convention &amp; la signer" in page
    assert NOT_KEPT not in page
    assert "6\u00a0votes" in page and "Mobilité douce" in page
    assert "Cette page ferme à 17\u00a0h\u00a030." in page
    assert page.count('<a class="file') == 3
    assert 'name="viewport"' in page and "<main>" in page and "<h1>" in page
    assert "http" not in page.replace('content="width=device-width', "")  # no external link


def test_offered_files_are_copied_in_and_a_missing_one_is_refused(
    store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "mon compte rendu.pdf"
    source.write_bytes(b"%PDF-1.4 v1")
    workshop, _changes = create_workshop(store, "Atelier vide")
    offered = OfferedFile(source, "Compte rendu", PDF, "../../etc/compte rendu.PDF")
    publication = publish(store, workshop.public_id, tmp_path / "out", files=[offered])
    copy = publication.files[0]
    assert copy.path.parent == (tmp_path / "out").resolve()
    assert copy.download_name == "atelier-vide-compte-rendu.pdf"
    source.write_bytes(b"%PDF-1.4 v2, edited after publishing")
    assert copy.path.read_bytes() == b"%PDF-1.4 v1"
    assert publication.threads == () and publication.actions == ()
    assert render_page(publication, CLOSES).count("Aucun") == 2
    with pytest.raises(ValidationError, match="introuvable"):
        publish(
            store,
            workshop.public_id,
            tmp_path / "out2",
            files=[offered._replace(path=tmp_path / "absent.pdf")],
        )


def test_publishing_a_missing_workshop_says_so(store: Store, tmp_path: Path) -> None:
    import uuid

    with pytest.raises(NotFoundError):
        publish(store, uuid.uuid4(), tmp_path / "out")


def test_the_after_text_typed_by_the_facilitator_replaces_the_default(
    store: Store, tmp_path: Path
) -> None:
    workshop, _changes = create_workshop(store, "Atelier")
    publication = publish(
        store, workshop.public_id, tmp_path, after="Prochain atelier le 12 juin.\nÀ bientôt !"
    )
    assert publication.after == "Prochain atelier le 12 juin.\nÀ bientôt !"
    page = render_page(publication, CLOSES)
    assert "<p>Prochain atelier le 12 juin.</p><p>À bientôt !</p>" in page


# -- interfaces ----------------------------------------------------------------------------------


def test_the_private_address_is_proposed_before_virtual_public_and_loopback() -> None:
    found = [
        Interface("lo", "127.0.0.1"),
        Interface("eth0", "192.0.2.2", default_route=True),
        Interface("docker0", "172.17.0.1"),
        Interface("wlan0", "192.168.1.12"),
        Interface("ap0", "10.42.0.1", default_route=True),
    ]
    assert [i.address for i in ordered(found)] == [
        "10.42.0.1",
        "192.168.1.12",
        "172.17.0.1",
        "192.0.2.2",
        "127.0.0.1",
    ]
    assert proposed(found) == Interface("ap0", "10.42.0.1", default_route=True)
    assert proposed([Interface("lo", "127.0.0.1"), Interface("eth0", "192.0.2.2")]) is None
    assert proposed([Interface("docker0", "172.17.0.1")]) is None
    assert "réseau local" in Interface("wlan0", "192.168.1.12").label
    assert "pour essayer" in Interface("lo", "127.0.0.1").label


def test_the_laptop_lists_its_addresses_with_loopback_last() -> None:
    found = interfaces.list_interfaces()
    assert found[-1].address == "127.0.0.1"
    assert all(i.address.count(".") == 3 for i in found)
    assert len({i.address for i in found}) == len(found)


# -- the command line ----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="capadesk")
    cli_serve.add_parser(built.add_subparsers(dest="command", required=True))
    return built


def test_serve_prints_the_url_writes_its_qr_and_stops_at_the_expiry(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from capadesk.core.storage.migrate import open_store

    from .handoff_support import seed_workshop

    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        seed_workshop(store)
    finally:
        store.close()
    qr_file = tmp_path / "qr" / "page.png"
    args = parser().parse_args(
        [
            "serve",
            "atelier de toulon",
            "--bind",
            "127.0.0.1",
            "--minutes",
            "0.02",
            "--qr",
            str(qr_file),
        ]
    )
    outcome: list[int] = []
    thread = threading.Thread(target=lambda: outcome.append(cli_serve.run(args, app_paths)))
    thread.start()
    thread.join(60)
    assert outcome == [0]
    out, err = capsys.readouterr()
    url = out.strip()
    assert url.startswith("http://127.0.0.1:") and "/?t=" in url
    assert "expiré" in err
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_file.read_bytes())))
    assert [d.text for d in decoded] == [url]


def test_serve_without_a_private_address_explains_what_to_do(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(interfaces, "list_interfaces", lambda: [Interface("lo", "127.0.0.1")])
    assert cli_serve.run(parser().parse_args(["serve", "x"]), app_paths) == cli_serve.EXIT_INVALID
    err = capsys.readouterr().err
    assert "point d'accès" in err and "--bind 127.0.0.1" in err


@pytest.mark.parametrize("argv", [["--minutes", "0"], ["--minutes", "5000"], ["--port", "70000"]])
def test_serve_refuses_bad_numbers(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["serve", "x", *argv])
    assert "invalide" in capsys.readouterr().err
