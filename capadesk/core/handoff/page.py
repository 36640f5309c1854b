"""The phone page: the day's summary and the files, in plain French, with no script at all.

One light HTML document: semantic sections, ``lang="fr"``, inline CSS (its hash is the only
style the Content-Security-Policy allows), dark text on white (contrast above 12:1), buttons at
least 48 px high. Every text that came from the workshop is escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from html import escape

from capadesk.core.handoff.publication import Publication, SharedFile
from capadesk.i18n import _

_STYLE = """
:root{color-scheme:light}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-top:2px solid #d0d0d0;padding-top:1rem}
.when{color:#3d3d3d;margin:0 0 1rem}
ol,ul{padding-left:1.4rem}li{margin:.4rem 0}
.votes,.case{color:#3d3d3d;white-space:nowrap}
a.file{display:block;min-height:3rem;box-sizing:border-box;margin:.6rem 0;padding:.75rem 1rem;
border-radius:.5rem;background:#0b4f9c;color:#fff;font-weight:600;text-decoration:none}
a.file.minor{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
a.file:focus{outline:3px solid #c25400;outline-offset:2px}
.size{font-weight:400}
footer{margin-top:2rem;color:#3d3d3d;font-size:1rem}
""".strip()

STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")
# No script, no image, no form, no frame; only this very style sheet.
CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{STYLE_HASH}'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def file_url(shared: SharedFile) -> str:
    """The path that serves ``shared`` (its id only)."""
    return f"/f/{shared.file_id}"


def size_text(size: int) -> str:
    """« 340 ko », « 1,2 Mo »."""
    if size < 1000:
        return _("{count} octets").format(count=size)
    if size < 1_000_000:
        return _("{count}\u00a0ko").format(count=round(size / 1000))
    return _("{count}\u00a0Mo").format(count=f"{size / 1_000_000:.1f}".replace(".", ","))


def clock_text(moment: dt.datetime) -> str:
    """« 17 h 30 » (French style, no leading zero on the hour)."""
    return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"


def when_text(publication: Publication) -> str:
    """« Toulon · jeudi 14 mars 2024 » (either part may be missing)."""
    from capadesk.core.export.pdf_base import french_date

    parts = [publication.place, french_date(publication.day)]
    return " · ".join(p for p in parts if p)


def render_page(publication: Publication, closes_at: dt.datetime) -> str:
    """The page, ``closes_at`` in the room's local time."""
    e = escape
    files = publication.files
    pdfs = [f for f in files if f.media_type == "application/pdf"]
    others = [f for f in files if f not in pdfs]
    out = [
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(publication.title)}</title><style>{_STYLE}</style></head><body><main>",
        f"<header><h1>{e(publication.title)}</h1>",
    ]
    when = when_text(publication)
    if when:
        out.append(f'<p class="when">{e(when)}</p>')
    out.append(f"<p>{e(_('Merci d’être venus. Voici ce que nous avons décidé ensemble.'))}</p>")
    out.append("</header>")
    if pdfs:
        out.append(f'<section aria-labelledby="doc"><h2 id="doc">{e(_("Le compte rendu"))}</h2>')
        out.extend(_file_link(f, minor=False) for f in pdfs)
        out.append(f"<p>{e(_('Téléchargez-le pour le garder.'))}</p></section>")
    out.append(f'<section aria-labelledby="kept"><h2 id="kept">{e(_("Les sujets retenus"))}</h2>')
    if publication.threads:
        out.append("<ol>")
        for thread in publication.threads:
            votes = ""
            if thread.votes is not None:
                count = _("{count}\u00a0vote") if thread.votes < 2 else _("{count}\u00a0votes")
                votes = f' <span class="votes">({e(count.format(count=thread.votes))})</span>'
            out.append(f"<li>{e(thread.title)}{votes}</li>")
        out.append("</ol>")
    else:
        out.append(f"<p>{e(_('Aucun sujet n’a été retenu.'))}</p>")
    out.append("</section>")
    out.append(
        f'<section aria-labelledby="actions"><h2 id="actions">{e(_("Les actions à mener"))}</h2>'
    )
    if publication.actions:
        out.append("<ul>")
        for action in publication.actions:
            case = f' <span class="case">({e(action.use_case)})</span>' if action.use_case else ""
            out.append(f"<li>{e(action.text)}{case}</li>")
        out.append("</ul>")
    else:
        out.append(f"<p>{e(_('Aucune action n’a été notée.'))}</p>")
    out.append("</section>")
    after_title = e(_("Et après\u00a0?"))
    out.append(f'<section aria-labelledby="after"><h2 id="after">{after_title}</h2>')
    out.extend(f"<p>{e(line)}</p>" for line in publication.after.splitlines() if line.strip())
    out.append("</section>")
    if others:
        out.append(
            f'<section aria-labelledby="data"><h2 id="data">{e(_("Les données"))}</h2>'
            f"<p>{e(_('Pour ceux qui veulent les reprendre dans un tableur.'))}</p>"
        )
        out.extend(_file_link(f, minor=True) for f in others)
        out.append("</section>")
    closing = _("Cette page ferme à {time}.").format(time=clock_text(closes_at))
    out.append(f"<footer><p>{e(closing)}</p></footer></main></body></html>")
    return "".join(out)


def _file_link(shared: SharedFile, *, minor: bool) -> str:
    size = size_text(shared.size)
    css = "file minor" if minor else "file"
    return (
        f'<a class="{css}" href="{file_url(shared)}" download="{escape(shared.download_name)}">'
        f'{escape(shared.label)} <span class="size">— {escape(size)}</span></a>'
    )


def render_refusal() -> str:
    """The one answer to anything not allowed: no hint of why."""
    title = escape(_("Page indisponible"))
    text = escape(
        _(
            "Ce lien ne marche pas ou plus. Scannez à nouveau le code affiché dans la salle, "
            "ou demandez-le à l’équipe d’animation."
        )
    )
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{title}</h1><p>{text}</p></main></body></html>"
    )
