"""A file's kind comes from its bytes; rejections say what to do."""

import pytest

from onevisit.core.files import FileRejected, file_kind

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def test_kind_is_read_from_the_content():
    assert file_kind(PDF) == "pdf"
    assert file_kind(PNG) == "png"
    assert file_kind(b"\xff\xd8\xff\xe0", accepted=("jpeg",)) == "jpg"


@pytest.mark.parametrize(("content", "kwargs", "code"), [
    (b"", {}, "empty"),
    (b"MZ\x90\x00 a program renamed to .pdf", {}, "file_type"),
    (PNG, {"accepted": ("pdf",)}, "file_type"),
    (PDF + b"\0" * (1024 * 1024), {"max_mb": 1}, "file_size"),
])
def test_rejections_carry_a_code_and_a_message(content, kwargs, code):
    with pytest.raises(FileRejected) as caught:
        file_kind(content, **kwargs)
    assert caught.value.code == code
    assert caught.value.message
