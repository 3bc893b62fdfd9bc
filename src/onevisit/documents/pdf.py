"""HTML template -> PDF through WeasyPrint, the same way for every document the platform prints."""

from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from onevisit.documents.fonts import cjk_fonts_ensure

# Official documents are Chinese texts whatever language the person uses the platform in.
DOCUMENT_LANGUAGE = "zh-hans"


def pdf_render(
    template_name: str, context: dict[str, Any], *, title: str, author: str, created: datetime
) -> bytes:
    """Render ``template_name`` in Chinese and return the PDF bytes.

    The PDF's creation and modification dates are ``created`` (the document's own date), so the
    same input gives the same bytes. Fonts are subset and embedded by WeasyPrint.
    Raises ``DocumentFontMissing`` before rendering when the CJK fonts are not installed.
    """
    cjk_fonts_ensure()
    # Imported here: loading WeasyPrint loads Pango and friends, which only renders need.
    from weasyprint import HTML

    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(template_name, context)
    # No base URL: the templates are self-contained, so nothing is fetched from disk or network.
    document = HTML(string=html).render()
    stamp = timezone.localtime(created).isoformat(timespec="seconds")
    document.metadata.title = title
    document.metadata.authors = [author]
    document.metadata.created = stamp
    document.metadata.modified = stamp
    return document.write_pdf()
