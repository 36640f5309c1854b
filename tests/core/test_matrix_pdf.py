"""Matrices on paper: blank A4 and A3 landscape sheets carry the seed's labels word for word;
filled ones with 2,000-character cells wrap and split across pages, nothing cut, nothing drawn
outside the page's frame."""

from __future__ import annotations

import io
import re
from typing import Any, NamedTuple

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4, landscape  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import SimpleDocTemplate  # type: ignore[import-untyped]

from capadesk.core.domain.matrix import CellKind, MatrixTemplate, builtin_templates, find_template
from capadesk.core.domain.matrix_cells import parse_cell
from capadesk.core.domain.matrix_grid import EMPTY, FilledMatrix, LineKind, grid_lines
from capadesk.core.export.matrix_pdf import matrix_flowables, write_matrix_pdf
from capadesk.core.export.pdf_base import FONT, FONT_BOLD, MARGIN

from .test_matrix_templates import COST_BENEFIT, RESPONSIBLE_DIGITAL, VALUE_CHECKLIST

CELL_WORD = re.compile(r"m\d{5}")  # the words of the long cells: unique, so a cut shows


class Chunk(NamedTuple):
    page: int
    x: float
    y: float
    width: float
    text: str


def template(template_id: str) -> MatrixTemplate:
    return find_template(template_id, builtin_templates())


def pdf(template_id: str, *, page: str = "a4", filled: FilledMatrix | None = None) -> PdfReader:
    stream = io.BytesIO()
    write_matrix_pdf(template(template_id), stream, filled=filled, page=page, title="Caux")
    stream.seek(0)
    return PdfReader(stream)


def normalised(reader: PdfReader) -> str:
    """The document's words in order, line breaks and non-breaking spaces as plain spaces."""
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def chunks(reader: PdfReader) -> list[Chunk]:
    """Every run of text drawn, where it starts and how wide it is in its font."""
    found: list[Chunk] = []
    for number, page in enumerate(reader.pages):

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number
        ) -> None:
            line = text.rstrip("\n")
            if not line.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = FONT_BOLD if "Bold" in str(font.get("/BaseFont", "")) else FONT
            width = stringWidth(line, name, size * tm[0] * cm[0])
            found.append(Chunk(number, x, y, width, line))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("page", ["a4", "a3"])
@pytest.mark.parametrize(
    ("template_id", "labels"),
    [
        ("numerique-responsable", RESPONSIBLE_DIGITAL),
        ("analyse-cout-benefice", COST_BENEFIT),
        ("creation-de-valeur", VALUE_CHECKLIST),
    ],
)
def test_blank_sheets_carry_the_seeds_labels_exactly(
    template_id: str, labels: list[str], page: str
) -> None:
    reader = pdf(template_id, page=page)
    size = landscape(A4 if page == "a4" else A3)
    for sheet in reader.pages:
        assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx(size)
    text = normalised(reader)
    for label in labels:
        assert " ".join(label.split()) in text, label


def test_the_responsible_digital_sheet_prints_once_per_dimension_of_the_project() -> None:
    reader = pdf("numerique-responsable")
    assert len(reader.pages) == 3
    headings = [page.extract_text() for page in reader.pages]
    for page_text, dimension in zip(
        headings, ["Infrastructure", "Équipement", "Donnée"], strict=True
    ):
        assert f"\n{dimension}\n" in page_text
        assert "Écologique / énergétique" in page_text


@pytest.mark.parametrize("page", ["a4", "a3"])
def test_every_template_prints_blank_within_the_frame(page: str) -> None:
    width, height = landscape(A4 if page == "a4" else A3)
    for built_in in builtin_templates():
        reader = pdf(built_in.id, page=page)
        assert 1 <= len(reader.pages) <= 2 * len(built_in.sheets), built_in.id
        for chunk in chunks(reader):
            assert chunk.x >= MARGIN - 1 and chunk.x + chunk.width <= width - MARGIN + 1, chunk
            assert 0 < chunk.y < height - MARGIN, chunk


def long_text(cell: int, length: int = 2000) -> str:
    """About ``length`` characters of words unique to the cell, so that any cut shows."""
    words: list[str] = []
    number = 0
    while sum(len(w) + 1 for w in words) < length:
        words.append(f"m{cell:02d}{number:03d}")
        number += 1
    return " ".join(words)[:length]


def fill_everything(built_in: MatrixTemplate) -> tuple[FilledMatrix, dict[str, str]]:
    """Every text cell of the first sheet 2,000 characters long, every amount a big one."""
    filled = EMPTY
    texts: dict[str, str] = {}
    lines = grid_lines(built_in, EMPTY, built_in.sheets[0])
    for number, line in enumerate(line for line in lines if line.kind is LineKind.DATA):
        for index, column in enumerate(line.section.columns):
            key = line.key(column)
            if column.kind is CellKind.AMOUNT:
                typed = f"{number + 1}23 456,78 €"
            elif column.kind is CellKind.YES_NO:
                typed = "non : " + long_text(number * 10 + index, 1990)
            elif column.kind is CellKind.SMILEY:
                typed = "+"
            elif column.kind is CellKind.TEXT:
                typed = long_text(number * 10 + index)
            else:
                continue
            texts[key] = typed
            filled = filled.with_cell(key, column.kind, parse_cell(column, typed))
    return filled, texts


@pytest.mark.parametrize("template_id", ["numerique-responsable", "creation-de-valeur"])
def test_a_filled_matrix_with_2000_character_cells_wraps_and_splits_without_a_cut(
    template_id: str,
) -> None:
    built_in = template(template_id)
    filled, texts = fill_everything(built_in)
    reader = pdf(template_id, filled=filled)

    # The text needs many pages; rows are split across them rather than pushed whole to the
    # next page, so every page but the last of the grid is filled down to its bottom.
    drawn = chunks(reader)
    cells_pages = sorted({c.page for c in drawn if CELL_WORD.match(c.text)})
    assert len(cells_pages) >= 6
    for page in cells_pages[:-1]:
        lowest = min(c.y for c in drawn if c.page == page and c.y > 40)
        assert lowest < 120, f"page {page + 1} is left half empty"
    # Every word of every cell is printed, once, in order (a split cell goes on further down
    # the next page, after the other cells' beginnings).
    words = normalised(reader).split(" ")
    where = {word: index for index, word in enumerate(words) if CELL_WORD.fullmatch(word)}
    for key, typed in texts.items():
        if not typed.startswith(("m", "non")):
            continue
        expected = [w for w in typed.split(" ") if CELL_WORD.fullmatch(w)]
        positions = [where[word] for word in expected if word in where]
        assert len(positions) == len(expected), f"cell {key} is cut"
        assert positions == sorted(positions), f"cell {key} is out of order"
    printed = [word for word in words if CELL_WORD.fullmatch(word)]
    assert len(printed) == len(set(printed)) == len(where), "a piece of a cell printed twice"
    width, height = landscape(A4)
    for chunk in drawn:
        assert chunk.x >= MARGIN - 1, chunk
        assert chunk.x + chunk.width <= width - MARGIN + 1, chunk
        assert 0 < chunk.y < height - MARGIN, chunk


def test_amounts_and_their_total_print_the_french_way() -> None:
    values = template("creation-de-valeur")
    filled = EMPTY
    for row, typed in (("maitrise", "12 500,50 €"), ("donnees", "40 k€")):
        column = values.sections[0].columns[1]
        filled = filled.with_cell(f"/maitrise/{row}/valeur", column.kind, parse_cell(column, typed))
    text = normalised(pdf("creation-de-valeur", filled=filled))
    assert "12 500,50 €" in text
    assert "40 000 €" in text
    assert "Total 52 500,50 €" in text


def test_the_restitution_can_print_a_matrix_in_its_a4_portrait_frame() -> None:
    acb = template("analyse-cout-benefice")
    column = acb.sections[1].columns[1]
    typed = "Capteurs : 40 000 €\nTemps agents : 20 jours-homme"
    filled = EMPTY.with_cell(
        "/impacts/collectivite-investissement/couts", column.kind, parse_cell(column, typed)
    )
    stream = io.BytesIO()
    document = SimpleDocTemplate(stream, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN)
    document.build(matrix_flowables(acb, filled))
    stream.seek(0)
    reader = PdfReader(stream)
    text = normalised(reader)
    assert "Capteurs : 40 000 €" in text
    assert "Total — 40 000 € · 20 jours-homme" in text
    for chunk in chunks(reader):
        assert chunk.x + chunk.width <= A4[0] - MARGIN + 1, chunk
