"""« Raccourcis clavier » (F1): every key of the application, grouped, with a search field.

Built from the live widgets (their ``QAction``s and ``QShortcut``s, so a key added in a menu
shows up without editing this file), plus a short table of keys that widgets read in their
``keyPressEvent`` (the runner's clicker keys, the capture bar's) and therefore own no object
to walk. Keys are shown in the platform's native notation (⌘ on macOS).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from capadesk.i18n import N_, _

WINDOW = N_("Fenêtre et menus")
DAY = N_("Journée et minuteur")
WALL = N_("Mur et saisie")
AGENDA = N_("Déroulé")
TOOLS = N_("Outils")
GROUPS = (WINDOW, DAY, WALL, AGENDA, TOOLS)

# The owner's module decides the group: the first matching fragment wins.
_MODULE_GROUPS = (
    ("capadesk.ui.runner", DAY),
    ("capadesk.ui.capture", WALL),
    ("capadesk.ui.agenda", AGENDA),
    ("capadesk.ui.tools", TOOLS),
    ("capadesk.ui.matrices", TOOLS),
    ("capadesk.ui.icebreakers", TOOLS),
    ("capadesk.ui.maturity", TOOLS),
    ("capadesk.ui.people", TOOLS),
)

# Keys read in keyPressEvent (or bound without a text): (group, keys, what they do); « … »
# between two keys stands for the range.
STATIC_KEYS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (DAY, ("Space",), N_("Lancer, mettre en pause ou reprendre la journée")),
    (DAY, ("Right", "PgDown"), N_("Étape suivante (aussi avec la télécommande)")),
    (DAY, ("Left", "PgUp"), N_("Étape précédente")),
    (DAY, ("+", "="), N_("Prolonger l'étape d'une minute")),
    (DAY, ("-",), N_("Raccourcir l'étape d'une minute")),
    (DAY, ("F5",), N_("Afficher la projection")),
    (DAY, ("Esc",), N_("Masquer la projection")),
    (DAY, ("Ctrl+G",), N_("Aller à l'étape…")),
    (WALL, ("Return",), N_("Enregistrer la carte")),
    (WALL, ("Shift+Return",), N_("Nouvelle ligne dans la carte")),
    (WALL, ("Ctrl+1", "…", "Ctrl+8"), N_("Type de carte")),
    (WALL, ("Ctrl+U",), N_("Cas d'usage suivant")),
    (WALL, ("Ctrl+Shift+U",), N_("Nouveau cas d'usage")),
    (WALL, ("Alt+1", "…", "Alt+6"), N_("Étape du cycle de vie")),
    (WALL, ("Alt+0",), N_("Aucune étape du cycle de vie")),
    (WINDOW, ("F1",), N_("Raccourcis clavier (cette liste)")),
    (WINDOW, ("Ctrl+Shift+J",), N_("Onglet Journée")),
    (WINDOW, ("Ctrl+Shift+M",), N_("Onglet Mur")),
    (WINDOW, ("Ctrl+Shift+O",), N_("Onglet Outil")),
    (WINDOW, ("Ctrl+Shift+P",), N_("Onglet Participants")),
    (WINDOW, ("Ctrl+Shift+G",), N_("Onglet Groupes")),
)


class ShortcutEntry(NamedTuple):
    """One line of the panel."""

    group: str  # translated
    keys: str  # native notation, « , » between alternatives
    text: str


def native(sequences: Iterable[QKeySequence]) -> str:
    """``sequences`` as the platform writes them, « , » between alternatives."""
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    )


def _group_of(owner: QObject | None) -> str:
    while owner is not None:
        module = type(owner).__module__
        for fragment, group in _MODULE_GROUPS:
            if module.startswith(fragment):
                return _(group)
        owner = owner.parent()
    return _(WINDOW)


def _clean(text: str) -> str:
    """A menu text without its mnemonic mark nor its trailing « … »."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").strip()


def _describe(obj: QAction | QShortcut) -> str:
    texts = [obj.whatsThis()]
    if isinstance(obj, QAction):
        texts[:0] = [obj.text()]
        texts.append(obj.toolTip())
    return next((_clean(text) for text in texts if text.strip()), "")


def collect_shortcuts(roots: Sequence[QWidget]) -> list[ShortcutEntry]:
    """Every shortcut under ``roots`` (actions and shortcuts with keys and a text), then the
    static keys; one line per group and keys (the live object wins)."""
    entries: dict[tuple[str, str], ShortcutEntry] = {}
    seen: set[int] = set()
    for root in roots:
        objects: list[QAction | QShortcut] = [*root.actions(), *root.findChildren(QAction)]
        objects.extend(root.findChildren(QShortcut))
        for obj in objects:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            sequences = obj.shortcuts() if isinstance(obj, QAction) else obj.keys()
            keys, text = native(sequences), _describe(obj)
            if not keys or not text:
                continue
            group = _group_of(obj.parent())
            entries.setdefault((group, keys), ShortcutEntry(group, keys, text))
    for group, key_texts, text in STATIC_KEYS:
        if "…" in key_texts:  # a range: first … last
            first, last = (
                native([QKeySequence(key_texts[0])]),
                native([QKeySequence(key_texts[-1])]),
            )
            keys = f"{first} … {last}"
        else:
            keys = native(QKeySequence(key) for key in key_texts)
        entries.setdefault((_(group), keys), ShortcutEntry(_(group), keys, _(text)))
    order = {_(group): index for index, group in enumerate(GROUPS)}
    return sorted(entries.values(), key=lambda e: (order.get(e.group, len(order)), e.text))


class ShortcutsDialog(QDialog):
    """See module docstring. ``roots``: the widgets to walk (the main window, the projection)."""

    def __init__(self, parent: QWidget | None, roots: Sequence[QWidget]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Raccourcis clavier"))
        self.entries = collect_shortcuts(roots)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Rechercher une action ou une touche"))
        self.search.setAccessibleName(_("Rechercher un raccourci"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Rechercher\u00a0:"))
        search_label.setBuddy(self.search)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Liste des raccourcis clavier"))
        self.tree.setHeaderLabels([_("Action"), _("Touches")])
        self.tree.setRootIsDecorated(False)
        self._groups: dict[str, QTreeWidgetItem] = {}
        for entry in self.entries:
            group = self._groups.get(entry.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [entry.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                self._groups[entry.group] = group
            QTreeWidgetItem(group, [entry.text, entry.keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self.filter)
        layout = QVBoxLayout(self)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def filter(self, query: str) -> None:
        """Show only the lines whose action or keys contain ``query`` (case-insensitive)."""
        needle = query.casefold().strip()
        for group in self._groups.values():
            shown = 0
            for item in _children(group):
                match = not needle or any(needle in item.text(c).casefold() for c in (0, 1))
                item.setHidden(not match)
                shown += match
            group.setHidden(shown == 0)

    def visible_lines(self) -> list[tuple[str, str, str]]:
        """(group, action, keys) of the lines shown, top to bottom."""
        return [
            (group.text(0), item.text(0), item.text(1))
            for group in self._groups.values()
            if not group.isHidden()
            for item in _children(group)
            if not item.isHidden()
        ]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for row in range(item.childCount()) if (child := item.child(row)) is not None]
