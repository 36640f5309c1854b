"""The method tools in the restitution PDF, persona to Lego: each ``*_flowables`` lays out in a
real document, prints the user's text with French typography, and shows photos and markers."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from capadesk.core.domain import backcast as backcast_rules
from capadesk.core.domain import journey_map as journey_rules
from capadesk.core.domain import persona as persona_rules
from capadesk.core.domain import spider_web as web_rules
from capadesk.core.domain.backcast import Period, Story
from capadesk.core.domain.journey_map import JourneyMap, SentIrritant
from capadesk.core.domain.lego import AnnotationKind, LegoBuild, annotate, set_story
from capadesk.core.domain.persona import Persona
from capadesk.core.domain.spider_web import SpiderWeb
from capadesk.core.export.method_tools_pdf import (
    backcast_flowables,
    journey_map_flowables,
    lego_flowables,
    method_tools_flowables,
    persona_flowables,
    spider_web_flowables,
    story_flowables,
)
from capadesk.core.export.pdf_document import build, long_document
from capadesk.core.export.photo_prep import PreparedPhoto
from capadesk.core.services import backcasts, journey_maps, lego_builds, personas, spider_webs
from capadesk.core.services.groups import GroupDraft, replace_groups
from capadesk.core.services.method_tools_data import read_method_tools
from capadesk.core.services.photo_display import photo_for_tool
from capadesk.core.services.threads import create_thread
from capadesk.core.services.tool_commands import PutDocument
from capadesk.core.services.tool_documents import Content, DocumentPlace
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.export_support import jpeg, pdf_pages
from tests.core.test_lego import write_photo


def render(flowables: list[Any]) -> bytes:
    stream = io.BytesIO()
    build(long_document(stream, "Outils"), flowables, contents=False)
    return stream.getvalue()


def photo(width: int = 400, height: int = 300) -> PreparedPhoto:
    return PreparedPhoto(jpeg(width, height), width, height)


def images(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def test_persona_card_and_questions() -> None:
    card = Persona()
    for field, raw in (
        ("name", "Chloé <b>"),
        ("age", "32"),
        ("home", "Paris"),
        ("frustrations", "Trouver une place de parking"),
        ("motivations", "Gagner du temps\nÊtre tranquille"),
    ):
        card = persona_rules.with_field(card, field, raw)
    card = persona_rules.add_question(
        card, "Trouver une place de parking", "aider Chloé à réserver à distance", "q"
    )
    card = persona_rules.edit_question(card, "q", card.questions[0].question, "Une appli: simple!")
    data = render(persona_flowables(card, photo()))
    text = " ".join(pdf_pages(data))
    for expected in (
        "Chloé <b>",
        "32 ans",
        "Paris",
        "Gagner du temps",
        "Comment pourrions-nous aider Chloé à réserver à distance ?",
        "Frustration : Trouver une place de parking",
        "Solution : Une appli : simple !",
    ):
        assert expected in text
    assert images(data) == 1
    assert "Fiche non remplie" in " ".join(pdf_pages(render(persona_flowables(Persona()))))


def test_spider_web_with_kept_ideas() -> None:
    web = web_rules.set_problem(SpiderWeb(), "Comment pourrions-nous simplifier la mairie ?")
    web = web_rules.add_idea(web, 1, "Guichet en ligne", "a")
    web = web_rules.set_constraint(web, 2, "Je ne peux pas me déplacer")
    web = web_rules.add_idea(web, 2, "La mairie vient à moi", "b")
    web = web_rules.set_participants(web, 3)
    web = web_rules.add_dot(web_rules.add_dot(web, "b"), "b")
    text = " ".join(pdf_pages(render(spider_web_flowables(web))))
    assert "Problème : Comment pourrions-nous simplifier la mairie ?" in text
    assert "Cercle 2 : contrainte « Je ne peux pas me déplacer »" in text
    assert "Cercle 3 : idées libres" in text  # the table names every ring
    assert "La mairie vient à moi [retenue]" in text and "Guichet en ligne [retenue]" not in text
    assert "2 gommettes posées sur 3" in text
    assert "Idées retenues" in text


def test_journey_map_in_tables_of_four_stages() -> None:
    journey = journey_rules.set_persona(JourneyMap(), "p", "Chloé")
    journey = journey_rules.set_scenario(journey, "Réserver une place au port")
    for index in range(5):
        journey = journey_rules.add_stage(journey, f"Étape {index + 1}", f"s{index}")
    journey = journey_rules.set_cell(journey, "s0", "frictions", "File d'attente")
    journey = journey_rules.mark_sent(journey, "s0", (SentIrritant("File d'attente", "c"),))
    journey = journey_rules.set_cell(journey, "s4", "data_traces", "Numéro de badge")
    journey = journey_rules.set_satisfaction(journey, "s0", -2)
    journey = journey_rules.set_satisfaction(journey, "s1", 2)
    text = " ".join(pdf_pages(render(journey_map_flowables(journey))))
    assert "Parcours de Chloé" in text and "Scénario : Réserver une place au port" in text
    assert "Lettre au Père Noël" in text
    assert text.count("Actions / points de contact") == 2  # five stages: two tables
    assert "File d'attente [au mur]" in text and "Numéro de badge" in text
    assert "-2 · Très insatisfait" in text and "+2 · Très satisfait" in text


def test_story_and_roadmap() -> None:
    story = Story(text='Les données "circulent" enfin!')
    text = " ".join(pdf_pages(render(story_flowables("Fil 1 : Convergence", story, photo()))))
    assert "Nous sommes en 2027" in text and "Les données « circulent » enfin !" in text
    timeline = backcast_rules.new_backcast(dt.date(2025, 5, 1))
    timeline = backcast_rules.add_notes(
        timeline, "Comité data\nConvention", Period(2026, 1), ("a", "b")
    )
    timeline = backcast_rules.add_notes(timeline, "Plateforme", Period(2025, 3), ("c",))
    text = " ".join(pdf_pages(render(backcast_flowables("Fil 1", timeline))))
    assert "Feuille de route vers 2027" in text
    assert text.index("T3 2025 Plateforme") < text.index("T1 2026 Comité data")
    assert text.count("T1 2026") == 1  # a period is named once, on its first action
    empty = backcast_rules.new_backcast(dt.date(2025, 5, 1))
    assert "Aucun post-it" in " ".join(pdf_pages(render(backcast_flowables("Fil 2", empty))))


def test_lego_photo_markers_and_legend() -> None:
    build_ = annotate(LegoBuild(), AnnotationKind.ACTOR, "La collectivité", 0.2, 0.2, "a")
    build_ = annotate(build_, AnnotationKind.BRAKE, "Pas de budget", 0.8, 0.7, "b")
    build_ = set_story(build_, "Tout part du comité data.")
    data = render(lego_flowables("Groupe 1", "Défi 3 : comité data externe", [(build_, photo())]))
    text = " ".join(pdf_pages(data))
    assert "Groupe 1 — Défi 3 : comité data externe" in text
    assert "Acteurs" in text and "1. La collectivité" in text
    assert "Freins" in text and "2. Pas de budget" in text and "Leviers" not in text
    assert "Tout part du comité data." in text
    assert images(data) == 1
    missing = " ".join(pdf_pages(render(lego_flowables("G", "", [(build_, None)]))))
    assert "Photo non reproduite" in missing


def test_a_workshops_tools_read_and_printed_as_one_section(
    store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    workshop, _c = create_workshop(store, "Lisieux", programme="CAPACities 2022")
    wid = workshop.public_id

    def put(place: DocumentPlace, content: Content) -> None:
        PutDocument("x", place, uuid.uuid4(), None, content).apply(store)

    attach, photo_id = photo_for_tool(
        store, app_paths.photos_dir, wid, write_photo(tmp_path / "p.jpg")
    )
    assert attach is not None
    attach.apply(store)
    put(personas.place(wid), personas.CODEC.content(Persona(name="Chloé"), photo_id))
    put(
        spider_webs.place(wid),
        spider_webs.CODEC.content(web_rules.set_problem(SpiderWeb(), "Le problème")),
    )
    put(journey_maps.place(wid), journey_maps.CODEC.content(JourneyMap(scenario="Le port")))
    thread, _c = create_thread(store, wid, "Fil 1 : convergence")
    create_thread(store, wid, "Fil sans projection")
    put(
        backcasts.story_place(wid, thread.public_id),
        backcasts.STORY_CODEC.content(Story(text="Succès"), photo_id),
    )
    group = GroupDraft("Groupe 2", challenge="Défi 7")
    replace_groups(store, wid, None, [group])
    build_ = annotate(LegoBuild(), AnnotationKind.LEVER, "Un élu porteur", 0.5, 0.5, "a")
    put(lego_builds.place(wid, group.public_id), lego_builds.CODEC.content(build_, photo_id))
    put(journey_maps.place(wid), Content("abîmé", "{", 1))
    tools = read_method_tools(store, wid, app_paths.photos_dir)
    assert tools.skipped == 1 and not tools.empty
    assert [p.thread_title for p in tools.projections] == ["Fil 1 : convergence"]
    assert tools.lego[0][:2] == ("Groupe 2", "Défi 7")
    data = render(method_tools_flowables(tools))
    text = " ".join(pdf_pages(data))
    for expected in (
        "Personas et « Comment pourrions-nous ? »",
        "Chloé",
        "Toiles d'araignée",
        "Le problème",
        "Parcours usagers",
        "Scénario : Le port",
        "Projection 2027 et rétroplanning",
        "Nous sommes en 2027",
        "Succès",
        "Constructions Lego",
        "Groupe 2 — Défi 7",
        "1. Un élu porteur",
        "1 document(s) illisible(s)",
    ):
        assert expected in text, expected
    assert "Fil sans projection" not in text
    assert images(data) == 3  # the persona, the drawing, the build
    assert (
        method_tools_flowables(
            read_method_tools(
                store, create_workshop(store, "Vide")[0].public_id, app_paths.photos_dir
            )
        )
        == []
    )
