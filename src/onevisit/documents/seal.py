"""Where each character of a department's name goes on the drawn seal (印章图形).

The seal is a picture that says which department decided, drawn as SVG: a red ring, a star, the
name along the upper arc and 电子文书 underneath. It is not an electronic signature (电子签章).
WeasyPrint's SVG renderer does not lay text along a ``textPath``, so each character is placed
and turned here.
"""

import math
from dataclasses import dataclass

CENTRE = 100.0  # the seal is drawn in a 200 x 200 viewBox
TEXT_RADIUS = 60.0  # baseline of the name; the ring's inner edge is at 88
MAX_SPAN_DEGREES = 240.0  # long names wrap at most this far round the ring
MAX_STEP_DEGREES = 26.0  # short names keep their characters this close together
MAX_FONT_SIZE = 22.0


@dataclass(frozen=True)
class SealGlyph:
    char: str
    x: float
    y: float
    rotate: float  # degrees clockwise, so the character stands up facing outwards


@dataclass(frozen=True)
class SealLayout:
    glyphs: tuple[SealGlyph, ...]
    font_size: float


def seal_layout(name: str) -> SealLayout:
    """The name's characters spread symmetrically over the top of the ring, left to right."""
    chars = [c for c in name if not c.isspace()]
    step = 0.0 if len(chars) < 2 else min(MAX_STEP_DEGREES, MAX_SPAN_DEGREES / (len(chars) - 1))
    start = -step * (len(chars) - 1) / 2
    glyphs = []
    for index, char in enumerate(chars):
        angle = start + step * index
        radians = math.radians(angle)
        glyphs.append(SealGlyph(
            char=char,
            x=round(CENTRE + TEXT_RADIUS * math.sin(radians), 2),
            y=round(CENTRE - TEXT_RADIUS * math.cos(radians), 2),
            rotate=round(angle, 2),
        ))
    # Characters get the arc length between two of them, less a little air.
    font_size = MAX_FONT_SIZE if step == 0 else min(
        MAX_FONT_SIZE, 0.85 * TEXT_RADIUS * math.radians(step)
    )
    return SealLayout(glyphs=tuple(glyphs), font_size=round(font_size, 2))
