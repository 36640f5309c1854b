"""Message catalogues without Babel: extract, merge, compile.

``python -m tools.i18n extract``  scan ``capadesk/`` for ``_("…")``, ``N_("…")`` and
                                  ``ngettext("…", "…", n)``; write ``capadesk.pot``; merge it
                                  into each ``<lang>/LC_MESSAGES/capadesk.po`` (translations kept;
                                  strings no longer in the code are dropped).
``python -m tools.i18n compile``  write ``capadesk.mo`` next to each ``.po`` (GNU format).
``python -m tools.i18n check``    exit 1 when an entry is untranslated or its placeholders differ.
"""

from __future__ import annotations

import ast
import re
import string
import struct
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from capadesk.i18n import po_entries

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "capadesk"
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "capadesk"
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);"}
MARKERS = {"_": 1, "N_": 1, "ngettext": 2}
MAX_REFERENCES = 4  # enough to find the string; more only churns the diff


@dataclass
class Entry:
    """One message: its source text(s), where it is used, its translation(s)."""

    msgid: str
    plural: str | None = None
    references: list[str] = field(default_factory=list)
    msgstr: list[str] = field(default_factory=lambda: [""])
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.msgid, self.plural)


@dataclass
class Problem:
    """A marker call the extractor cannot read (a non-literal argument)."""

    where: str
    text: str


def _marker_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        name = node.func.id
    elif isinstance(node.func, ast.Attribute):
        name = node.func.attr
    else:
        return None
    return name if name in MARKERS else None


def extract_file(path: Path, root: Path = ROOT) -> tuple[list[Entry], list[Problem]]:
    """The messages marked in one Python file, in source order."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(root).as_posix()
    entries: list[Entry] = []
    problems: list[Problem] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _marker_name(node)
        if name is None:
            continue
        wanted = MARKERS[name]
        texts = [
            arg.value
            for arg in node.args[:wanted]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        ]
        where = f"{relative}:{node.lineno}"
        if len(texts) != wanted or len(node.args) < wanted:
            if name != "_":  # ``_(CONSTANT)`` translates an ``N_`` mark at use time
                problems.append(Problem(where, ast.unparse(node)))
            continue
        if not texts[0]:
            continue
        plural = texts[1] if wanted == 2 else None
        entries.append(Entry(texts[0], plural, [where], ["", ""] if plural else [""]))
    entries.sort(key=lambda entry: int(entry.references[0].rsplit(":", 1)[1]))
    return entries, problems


def extract(source: Path = SOURCE_DIR, root: Path = ROOT) -> tuple[list[Entry], list[Problem]]:
    """Every message under ``source``, one entry per text (references merged)."""
    merged: dict[tuple[str, str | None], Entry] = {}
    problems: list[Problem] = []
    for path in sorted(source.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == SOURCE_DIR:
            continue  # the layer itself: its calls pass variables on
        found, trouble = extract_file(path, root)
        problems.extend(trouble)
        for entry in found:
            existing = merged.setdefault(entry.key, entry)
            if existing is not entry:
                existing.references.extend(entry.references)
    return list(merged.values()), problems


# --- .po reading and writing -------------------------------------------------------------


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _field(keyword: str, text: str) -> list[str]:
    if "\n" not in text.rstrip("\n"):
        return [f"{keyword} {_quote(text)}"]
    pieces = text.splitlines(keepends=True)
    return [f'{keyword} ""', *(_quote(piece) for piece in pieces)]


def format_entry(entry: Entry) -> str:
    """The entry as .po text (without a trailing blank line)."""
    lines = [f"#: {reference}" for reference in entry.references[:MAX_REFERENCES]]
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    lines += _field("msgid", entry.msgid)
    if entry.plural is None:
        lines += _field("msgstr", entry.msgstr[0])
    else:
        lines += _field("msgid_plural", entry.plural)
        for index, text in enumerate(entry.msgstr):
            lines += _field(f"msgstr[{index}]", text)
    return "\n".join(lines)


def header(language: str | None) -> str:
    """The catalogue's metadata (the entry with an empty msgid)."""
    items = [
        f"Project-Id-Version: {DOMAIN}",
        f"Language: {language or ''}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    if language in PLURAL_FORMS:
        items.append(f"Plural-Forms: {PLURAL_FORMS[language]}")
    return "".join(item + "\n" for item in items)


def write_po(path: Path, entries: Sequence[Entry], language: str | None) -> None:
    """Write a catalogue (or the template when ``language`` is None)."""
    head = Entry("", msgstr=[header(language)])
    blocks = [format_entry(head), *(format_entry(entry) for entry in entries)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def read_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header included (msgid ""), obsolete ones left out."""
    entries: list[Entry] = []
    for fields, comments in po_entries(path):
        if "msgid" not in fields:
            continue
        plural = fields.get("msgid_plural")
        if plural is None:
            msgstr = [fields.get("msgstr", "")]
        else:
            count = sum(1 for key in fields if key.startswith("msgstr["))
            msgstr = [fields.get(f"msgstr[{index}]", "") for index in range(max(count, 2))]
        references = [ref for line in comments if line.startswith("#:") for ref in line[2:].split()]
        flags = [
            flag.strip()
            for line in comments
            if line.startswith("#,")
            for flag in line[2:].split(",")
        ]
        entries.append(Entry(fields["msgid"], plural, references, msgstr, flags))
    return entries


def merge(template: Iterable[Entry], existing: Iterable[Entry]) -> list[Entry]:
    """The template's entries, each carrying its translation from ``existing`` when it has one."""
    known = {entry.key: entry for entry in existing if entry.msgid}
    merged = []
    for entry in template:
        old = known.get(entry.key)
        msgstr = list(old.msgstr) if old else list(entry.msgstr)
        flags = [flag for flag in (old.flags if old else []) if flag]
        merged.append(Entry(entry.msgid, entry.plural, list(entry.references), msgstr, flags))
    return merged


# --- .mo compiling -----------------------------------------------------------------------


def compile_mo(entries: Iterable[Entry], mo_path: Path) -> int:
    """Write the GNU .mo for the translated, non-fuzzy entries (header included); return their
    count. Layout: magic, revision, count, two offset tables (originals, translations), no
    hash table, then the NUL-terminated strings."""
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if "fuzzy" in entry.flags or not all(entry.msgstr):
            continue
        source = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        pairs[source.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    tables: list[int] = []
    blob = bytearray()
    for texts in (keys, [pairs[key] for key in keys]):
        for text in texts:
            tables += [len(text), data_at + len(blob)]
            blob += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    body = struct.pack(f"<{len(tables)}I", *tables)
    mo_path.write_bytes(head + body + bytes(blob))
    return count - (1 if b"" in pairs else 0)


# --- checks ------------------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    """The ``str.format`` fields of ``text`` (sorted), ``%`` conversions included."""
    names = [
        name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None
    ]
    return sorted(names + re.findall(r"%\(?\w*\)?[sd]", text))


def problems_in(entries: Iterable[Entry]) -> list[str]:
    """Untranslated entries and translations whose placeholders differ from the source."""
    found = []
    for entry in entries:
        if not entry.msgid:
            continue
        if not all(text.strip() for text in entry.msgstr):
            found.append(f"untranslated: {entry.msgid!r}")
            continue
        sources = [entry.msgid] if entry.plural is None else [entry.msgid, entry.plural]
        for index, text in enumerate(entry.msgstr):
            source = sources[min(index, len(sources) - 1)]
            try:
                same = placeholders(source) == placeholders(text)
            except ValueError:
                same = False
            if not same:
                found.append(f"placeholders differ: {entry.msgid!r} → {text!r}")
    return found


def catalogues() -> list[Path]:
    """Every language's .po file."""
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    args = list(sys.argv[1:] if argv is None else argv)
    say = sys.stdout.write
    warn = sys.stderr.write
    command = args[0] if args else "extract"
    if command == "extract":
        entries, problems = extract()
        write_po(POT_PATH, entries, None)
        for po in catalogues():
            write_po(po, merge(entries, read_po(po)), po.parent.parent.name)
        for problem in problems:
            warn(f"{problem.where}: non-literal message: {problem.text}" + "\n")
        say(f"{len(entries)} messages → {POT_PATH.relative_to(ROOT)}" + "\n")
        return 1 if problems else 0
    if command == "compile":
        for po in catalogues():
            count = compile_mo(read_po(po), po.with_suffix(".mo"))
            say(f"{count} messages → {po.with_suffix('.mo').relative_to(ROOT)}" + "\n")
        return 0
    if command == "check":
        failures = [problem for po in catalogues() for problem in problems_in(read_po(po))]
        for failure in failures:
            warn(failure + "\n")
        return 1 if failures else 0
    warn(f"usage: python -m tools.i18n [extract|compile|check], not {command!r}" + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
