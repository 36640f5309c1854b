from capadesk.ui.richtext import centred, escape


def test_escape_neutralises_markup_and_keeps_french_text() -> None:
    typed = 'Atelier <b>« données »</b> & "co" — 45 €'
    assert escape(typed) == "Atelier &lt;b&gt;« données »&lt;/b&gt; &amp; &quot;co&quot; — 45 €"


def test_centred_escapes_each_line() -> None:
    assert centred("a<b", "c&d") == '<div align="center">a&lt;b<br>c&amp;d</div>'
