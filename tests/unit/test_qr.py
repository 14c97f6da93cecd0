"""The QR code on the staff page and handout opens the clinic's web page, and
there is none when the clinic has not configured one.

The codes are read back with an independent decoder (zxing-cpp), the way a
phone camera would: the PNG the handout prints, and the inline SVG the staff
page shows (its path turned back into modules and drawn as an image).
"""
import io
import re

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from explainer.handout.qr import BORDER, website_qr, website_qr_png, website_qr_svg

URL = "https://www.example-clinic.org/back-pain?lang=es"


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]


def svg_modules(svg: str) -> np.ndarray:
    """The dark modules of segno's inline SVG: one path of "M x y", "m dx dy" and "h n"
    commands, each "h" a run of dark modules on the row the cursor is in."""
    size = int(re.search(r'd="M0 0h(\d+)v', svg).group(1))
    path = re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    modules = np.zeros((size, size), dtype=bool)
    x = y = 0.0
    for command, args in re.findall(r"([Mmh])([-\d. ]+)", path):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            modules[int(y), int(x):int(x + numbers[0])] = True
            x += numbers[0]
    return modules


def draw(modules: np.ndarray, scale: int = 8) -> Image.Image:
    pixels = np.where(modules, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels).resize((modules.shape[1] * scale, modules.shape[0] * scale), Image.NEAREST)


def test_the_printed_png_opens_the_configured_url():
    assert decode(Image.open(io.BytesIO(website_qr_png(URL)))) == [URL]
    assert decode(Image.open(io.BytesIO(website_qr_png("https://example.org/")))) == ["https://example.org/"]


def test_the_svg_on_screen_opens_the_configured_url():
    modules = svg_modules(website_qr_svg(URL, "label"))
    assert decode(draw(modules)) == [URL]
    # The quiet zone the QR standard asks for is there (the border is light).
    assert not modules[:BORDER].any() and not modules[-BORDER:].any()
    assert not modules[:, :BORDER].any() and not modules[:, -BORDER:].any()


def test_error_correction_survives_a_fold():
    """Level M: a printed code still reads with a stripe of it lost (a fold, a smudge)."""
    qr = website_qr(URL)
    assert qr.error == "M"
    modules = svg_modules(website_qr_svg(URL, "label"))
    damaged = modules.copy()
    middle = damaged.shape[0] // 2
    damaged[middle:middle + 2, BORDER + 9:-BORDER - 9] = False  # a light stripe across the data
    assert decode(draw(damaged)) == [URL]


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
