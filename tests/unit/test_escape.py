"""explainer.common.escape.markdown_text, directly: every Markdown construct a clinic field
or a content string could carry comes out as literal text. Expected outputs are
literals written here (reviewed by hand), not built with the module's own patterns.

What Streamlit's Markdown would do with the raw text, and why each escape stops it:
a backslash before a punctuation character makes it literal in CommonMark; "<" and
"&" become entities, so no HTML tag or entity gets through; a newline would start a
new block, so the text is one line; and a word joiner (U+2060, invisible) before
every ":" and "@" and after "www" breaks the patterns Streamlit matches in text
*after* parsing (GitHub autolinks, e-mail links, :material/ icons, :emoji: codes,
:color[text] directives), which backslashes alone do not stop.
"""
from __future__ import annotations

import re

import pytest

from explainer.common.escape import html_text, markdown_text

J = "\u2060"  # WORD JOINER

#: input -> exact output, one row per construct.
CASES = {
    # links, images, reference definitions
    "link": ("[click](http://evil.example)", rf"\[click\]\(http{J}\:\/\/evil\.example\)"),
    "image": ("![x](http://evil.example/a.png)", rf"\!\[x\]\(http{J}\:\/\/evil\.example\/a\.png\)"),
    "reference": ("[ref]: http://evil.example", rf"\[ref\]{J}\: http{J}\:\/\/evil\.example"),
    # autolinks: angle brackets, bare URLs, www., e-mail
    "autolink": ("<http://evil.example>", rf"&lt;http{J}\:\/\/evil\.example\>"),
    "bare url": ("https://evil.example/path", rf"https{J}\:\/\/evil\.example\/path"),
    "www": ("www.evil.example", rf"www{J}\.evil\.example"),
    "WWW": ("WWW.Evil.Example", rf"WWW{J}\.Evil\.Example"),
    "e-mail": ("nurse@clinic.example", rf"nurse{J}@clinic\.example"),
    # raw HTML and entities
    "html tag": ("<b>bold</b>", r"&lt;b\>bold&lt;\/b\>"),
    "html attribute": ("<img src=x onerror=alert(1)>", r"&lt;img src=x onerror=alert\(1\)\>"),
    "entities": ("&amp; &lt;", "&amp;amp; &amp;lt;"),
    # Streamlit's icons, emoji codes, colour and badge directives
    "material icon": (":material/home:", rf"{J}\:material\/home{J}\:"),
    "emoji": (":smile:", rf"{J}\:smile{J}\:"),
    "colour": (":red[red text]", rf"{J}\:red\[red text\]"),
    "badge": (":blue-badge[x]", rf"{J}\:blue\-badge\[x\]"),
    # emphasis, strikethrough, code, maths
    "emphasis": ("*em* _em_ **strong** __strong__", r"\*em\* \_em\_ \*\*strong\*\* \_\_strong\_\_"),
    "strikethrough": ("~~strike~~", r"\~\~strike\~\~"),
    "code": ("`code`", r"\`code\`"),
    "fence": ("```\nfence\n```", r"\`\`\` fence \`\`\`"),
    "maths": ("$x^2$ $$E=mc^2$$", r"\$x^2\$ \$\$E=mc^2\$\$"),
    # blocks: headings, lists, quotes, tables, indented code, line breaks
    "heading": ("# Heading", r"\# Heading"),
    "heading 2": ("## Sub", r"\#\# Sub"),
    "setext heading": ("Heading\n===", "Heading ==="),
    "bullets": ("- item\n* item\n+ item", r"\- item \* item \+ item"),
    "numbered": ("1. one\n2) two", r"1\. one 2\) two"),
    "table": ("| a | b |\n|---|---|\n| 1 | 2 |", r"\| a \| b \| \|\-\-\-\|\-\-\-\| \| 1 \| 2 \|"),
    "quote": ("> quote", r"\> quote"),
    "indented code": ("    indented code", "indented code"),
    "hard break": ("line\\\nbreak", "line\\\\ break"),
    "backslash": ("a\\*b", "a\\\\\\*b"),
    "braces": ("{color}", r"\{color\}"),
    # ordinary clinic text stays readable
    "plain": ("Tom & Jerry, 555-0100 (ext. 2)", r"Tom &amp; Jerry, 555\-0100 \(ext\. 2\)"),
    "spaces": ("  spaced   out  ", "spaced out"),
    "accents": ("Cómo cuidar un espasmo ¿sí?", "Cómo cuidar un espasmo ¿sí?"),
}


@pytest.mark.parametrize("name", CASES)
def test_each_markdown_construct_comes_out_as_literal_text(name):
    raw, expected = CASES[name]
    assert markdown_text(raw) == expected


#: Characters CommonMark, GitHub's extensions or Streamlit give a meaning to (written
#: out here, not taken from the module): each must reach Markdown behind a backslash.
SPECIAL = set("\\`*_{}[]()#+-.!|~>$:/")
NASTY = [raw for raw, _ in CASES.values()] + [
    "Call 911 now! (Or go to the E.R.)",
    "[Dr. Ruiz](javascript:alert(1)) | <script>x</script>",
    "see https://a.example, www.b.example and c@d.example:8080",
    ":material/warning: **Urgent** _today_\n\n# 911",
    "ftp://x.example mailto:a@b.example",
    "\t\r\n\f\v",
    "",
    12.5,
    None,
]


def _readable(escaped: str) -> str:
    """What a reader sees: backslash escapes and word joiners gone, entities decoded."""
    text = re.sub(r"\\(.)", r"\1", escaped.replace(J, ""))
    return text.replace("&lt;", "<").replace("&amp;", "&")


@pytest.mark.parametrize("raw", NASTY, ids=range(len(NASTY)))
def test_no_special_character_reaches_markdown_unescaped(raw):
    out = markdown_text(raw)
    bare = re.sub(r"\\.", "", out)  # drop every backslash pair: what is left must mean nothing
    assert not SPECIAL & set(bare), f"unescaped {sorted(SPECIAL & set(bare))} in {out!r}"
    assert "<" not in out and not re.search(r"&(?!amp;|lt;)", out)
    assert "\n" not in out and "\r" not in out and out == out.strip()


@pytest.mark.parametrize("raw", NASTY, ids=range(len(NASTY)))
def test_the_reader_sees_the_text_as_written(raw):
    assert _readable(markdown_text(raw)) == " ".join(str(raw).split())


@pytest.mark.parametrize("raw", NASTY, ids=range(len(NASTY)))
def test_no_autolink_icon_or_directive_pattern_survives(raw):
    """The patterns Streamlit matches in the text after parsing (GitHub autolinks,
    e-mail links, :emoji: and :material/icon: codes): with the escapes removed (as the
    parser does) none of them may match, because a word joiner sits inside. (A
    :color[text] directive is parsed, not matched afterwards: its escaped ":" and "["
    stop it, checked above.)"""
    seen = re.sub(r"\\(.)", r"\1", markdown_text(raw))  # the text after CommonMark, joiners kept
    assert not re.search(r"(?i)\b(?:https?|ftp|mailto):", seen)
    assert not re.search(r"(?i)\bwww\.", seen)
    assert not re.search(r"\w@\w", seen)
    assert not re.search(r":[\w-]+(?:/[\w-]+)?:", seen)


def test_html_text_escapes_tags_quotes_and_ampersands():
    assert html_text('<a href="x" onclick=\'y\'>&</a>') == "&lt;a href=&quot;x&quot; onclick=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    assert html_text(None) == "None"
