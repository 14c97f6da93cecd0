"""The QR code on the staff page and handout opens the clinic's web page, and
there is none when the clinic has not configured one."""
import pytest
import segno

from explainer.qr import website_qr, website_qr_png, website_qr_svg

URL = "https://www.example-clinic.org/back-pain?lang=es"


def test_qr_encodes_exactly_the_configured_url():
    qr = website_qr(URL)
    expected = segno.make(URL, error="m", micro=False)
    assert qr.matrix == expected.matrix
    assert qr.designator == expected.designator  # same version and error level
    assert qr.error == "M"
    # A different address gives a different code: the URL really is what is encoded.
    assert website_qr("https://www.example-clinic.org/").matrix != qr.matrix


@pytest.mark.parametrize("website", ["", "   ", None])
def test_no_qr_without_a_website(website):
    assert website_qr(website) is None
    assert website_qr_svg(website, "label") is None
    assert website_qr_png(website) is None


def test_svg_is_labelled_and_png_is_a_png():
    svg = website_qr_svg(URL, 'QR code that opens "our page"')
    assert svg.startswith("<svg ") and 'role="img"' in svg
    assert 'aria-label="QR code that opens &quot;our page&quot;"' in svg
    assert "http" not in svg.split("<title>")[0].replace(URL, "")  # no external reference
    assert website_qr_png(URL)[:8] == b"\x89PNG\r\n\x1a\n"
