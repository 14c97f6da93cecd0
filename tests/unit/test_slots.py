"""explainer.common.slots: a slot's text is escaped, and slots go only in HTML blocks.
(That an HTML block keeps Markdown-looking text literal in Streamlit is checked in a real
browser: tests/browser/test_slots.py.)"""
import pytest

from explainer.common.slots import html_block, slot


def test_a_slots_text_is_escaped_and_its_slashes_are_references():
    assert slot("x", "a <b> & c/d") == '<span data-choice-slot="x">a &lt;b&gt; &amp; c&#47;d</span>'
    assert ":material/" not in slot("x", ":material/home:")  # Streamlit would draw an icon


@pytest.mark.parametrize("markup", ["<p>a</p>", "<ul><li>a</li></ul>", "<ol><li>a</li></ol>", "<h3>a</h3>",
                                    '<div class="x">a</div>', '<p data-choice-slot="o">a</p>'])
def test_an_html_block_starts_with_a_block_tag(markup):
    assert html_block(markup) == markup


def test_an_html_block_is_one_line_so_no_blank_line_ends_it():
    assert html_block("<ul>\n<li>a</li>\n\n<li>b</li>\n</ul>") == "<ul> <li>a</li>  <li>b</li> </ul>"


@pytest.mark.parametrize("markup", ['<span data-choice-slot="x">a</span>', "- <span>a</span>", "text <p>a</p>",
                                    "<strong>a</strong>", "<pre>a</pre>", ""])
def test_inline_html_is_refused(markup):
    """Inline, Markdown would read the text in it (links, images, emphasis)."""
    with pytest.raises(ValueError):
        html_block(markup)
