"""QR code to the clinic's web page (segno; drawn here, no network).

``None`` when the clinic has no website configured: then no QR code is shown
or printed anywhere. Error correction "M" (15% of the code can be damaged or
covered) keeps a printed code readable after folding.
"""
from __future__ import annotations

import io

import segno

ERROR_CORRECTION = "m"
#: Quiet zone in modules around the code (the QR standard asks for 4).
BORDER = 4


def website_qr(website: str) -> segno.QRCode | None:
    website = (website or "").strip()
    return segno.make(website, error=ERROR_CORRECTION, micro=False) if website else None


def website_qr_svg(website: str, label: str, scale: int = 6) -> str | None:
    """Inline SVG (black on white, labelled for screen readers), or None."""
    qr = website_qr(website)
    if qr is None:
        return None
    svg = qr.svg_inline(scale=scale, border=BORDER, dark="#000000", light="#FFFFFF", title=label, omitsize=False)
    # A screen reader announces the label instead of reading out the squares.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(label)}" ', 1)


def website_qr_png(website: str, scale: int = 10) -> bytes | None:
    """PNG bytes (for the PDF handout), or None."""
    qr = website_qr(website)
    if qr is None:
        return None
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=BORDER, dark="#000000", light="#FFFFFF")
    return out.getvalue()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
