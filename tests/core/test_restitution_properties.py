"""Any text the note-taker can type goes through every export: restitution, sheets, CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.export.data_export import write_csv, write_json
from capadesk.core.export.restitution import restitution_pdf
from capadesk.core.export.sheets import sheets_pdf
from capadesk.core.services.captures import add_capture
from capadesk.core.services.threads import create_thread, move_captures
from capadesk.core.services.use_cases import add_use_case
from capadesk.core.services.votes import keep_top, set_tally
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store

MARKUP = st.sampled_from(
    [
        "<b>",
        "</para>",
        "<font name='Nope' size=900>",
        '<img src="/etc/passwd"/>',
        "&amp;",
        "&nbsp;",
        "&#0;",
        "<br/>",
        "<a href='javascript:x'>",
        "]]>",
        "%PDF-1.4",
        '=HYPERLINK("x")',
        "«",
        "€",
        "🚲",
        "\u202e",
        "\u200d",
        "\x00",
        "\x1b",
        "\r\n",
        "\t",
        "\ufeff",
    ]
)
# Any text the capture bar accepts: not blank, no lone surrogate (check_capture_text refuses it).
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300
) | st.lists(st.one_of(MARKUP, st.text(max_size=8)), min_size=1, max_size=30).map("".join)
CAPTURE_TEXT = ANY_TEXT.filter(
    lambda s: bool(s.strip()) and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)
)


def _readable(path: Path) -> int:
    return len(PdfReader(path).pages)


def test_every_export_succeeds_with_any_text(store: Store, tmp_path: Path) -> None:
    counter = iter(range(1_000))

    @settings(
        max_examples=5,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(text=CAPTURE_TEXT, note=ANY_TEXT)
    @example(text="x" * 100_000, note="<b>" * 1000)
    @example(text=("«œ€» " * 20_000).strip(), note="\x00\x01\x02")
    @example(text="mot " * 25_000, note="")
    def check(text: str, note: str) -> None:
        number = next(counter)
        summary, _changes = create_workshop(store, f"Atelier {number}")
        wid = summary.public_id
        use_case, _changes = add_use_case(store, wid, "Mobilité")
        card, _changes = add_capture(
            store,
            wid,
            CaptureKind.IRRITANT,
            text,
            stage=LifecycleStage.SHARING,
            use_case_id=use_case.public_id,
            note=note,
        )
        add_capture(store, wid, CaptureKind.ACTION, text)
        thread, _changes = create_thread(store, wid, "Un fil")
        move_captures(store, wid, [card.public_id], thread.public_id)
        set_tally(store, wid, None, thread.public_id, 3)
        keep_top(store, wid, None)

        folder = tmp_path / str(number)
        folder.mkdir()
        assert restitution_pdf(store, wid, folder / "r.pdf", folder / "photos") >= 3
        assert _readable(folder / "r.pdf") >= 3
        assert sheets_pdf(store, wid, folder / "s.pdf") == 2  # one use case, one thread
        assert _readable(folder / "s.pdf") == 2
        write_json(store, wid, folder / "d.json")
        document = json.loads((folder / "d.json").read_text(encoding="utf-8"))
        assert [c["text"] for c in document["captures"]] == [text, text]  # exactly as typed
        assert document["captures"][0]["note"] == note
        write_csv(store, wid, folder / "csv")
        raw = (folder / "csv" / "cartes.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
        assert len(rows) == 3
        printed = rows[1][2]
        assert printed in (text, "'" + text)  # a formula-like start gets an apostrophe

    check()
