"""The CJK fonts a document needs, checked once before the first render.

Without them Pango falls back to a font with no Chinese glyphs and WeasyPrint draws empty boxes
in a PDF that looks valid; a missing font must stop the render with a message an operator can act
on instead.
"""

import functools
import shutil
import subprocess

# The families the stylesheets ask for; Debian's fonts-noto-cjk provides both.
CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
DEBIAN_PACKAGE = "fonts-noto-cjk"


class DocumentFontMissing(RuntimeError):
    """The server cannot render Chinese documents: a deployment problem, not a user's."""


def cjk_fonts_ensure() -> None:
    """Raise ``DocumentFontMissing`` unless fontconfig knows every family in ``CJK_FAMILIES``."""
    missing = [family for family, path in cjk_fonts_found().items() if path is None]
    if missing:
        raise DocumentFontMissing(
            f"font(s) {', '.join(missing)} not found by fontconfig: Chinese text would render as "
            f"empty boxes. Install them (Debian/Ubuntu: apt-get install {DEBIAN_PACKAGE}), then "
            f"restart the process."
        )


@functools.cache
def cjk_fonts_found() -> dict[str, str | None]:
    """Each family in ``CJK_FAMILIES`` and the font file fontconfig uses for it (None: missing).

    Cached for the life of the process: fonts are installed with the system, not at run time.
    """
    return {family: _font_file(family) for family in CJK_FAMILIES}


def _font_file(family: str) -> str | None:
    try:
        return _match_through_weasyprint(family)
    except (ImportError, AttributeError, OSError):
        # WeasyPrint's bindings are internal and may change; the fontconfig tools say the same.
        return _match_through_fc_list(family)


def _match_through_weasyprint(family: str) -> str | None:
    """Ask the fontconfig library WeasyPrint itself loaded, so the answer is what it will see.

    fontconfig always matches *some* font, so the best match's family must be the one asked for.
    """
    from weasyprint.text.ffi import ffi, fontconfig

    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(ffi.NULL, pattern, 0)  # FcMatchPattern
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(ffi.NULL, pattern, result)
        if match == ffi.NULL:
            return None
        try:
            value = ffi.new("FcChar8 **")
            if fontconfig.FcPatternGetString(match, b"family", 0, value) != 0:  # FcResultMatch
                return None
            if ffi.string(value[0]).decode().casefold() != family.casefold():
                return None
            if fontconfig.FcPatternGetString(match, b"file", 0, value) != 0:
                return None
            return ffi.string(value[0]).decode()
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)


def _match_through_fc_list(family: str) -> str | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    listed = subprocess.run(  # noqa: S603 - fixed executable, no shell, the family is ours
        [fc_list, "--format", "%{file}\n", family], capture_output=True, text=True, timeout=30,
        check=False,
    )
    files = sorted(filter(None, listed.stdout.splitlines())) if listed.returncode == 0 else []
    return files[0] if files else None
