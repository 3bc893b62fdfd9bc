"""Pinyin initials for search: 出生登记 -> "csdj", so a phone user can type four letters."""

from pypinyin import Style, lazy_pinyin


def pinyin_initials(text: str) -> str:
    """Lower-case initials of the Chinese characters; Latin letters and digits kept as they are,
    punctuation and spaces dropped (企业开办（含社保） -> "qykbhsb")."""
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for part in letters for ch in part.lower() if ch.isascii() and ch.isalnum())
