"""QR codes as inline SVG (segno), for request codes and presentations."""

import segno


def qr_svg(text: str) -> str:
    """An SVG that scales to its box (no fixed size), error correction L for long presentations."""
    code = segno.make(text, error="l", micro=False)
    return code.svg_inline(scale=4, omitsize=True, title="QR", border=2)
