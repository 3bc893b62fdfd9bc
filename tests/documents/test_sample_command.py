"""`onevisit documents sample`: an operator checks a server's fonts with one command."""

import pytest
from django.core.management import CommandError, call_command

from onevisit.documents import fonts


def test_the_sample_is_written_as_a_pdf(tmp_path, capsys):
    out = tmp_path / "sample.pdf"

    call_command("documents", "sample", "--out", str(out), "--outcome", "rejected")

    assert out.read_bytes().startswith(b"%PDF-")
    printed = capsys.readouterr().out
    assert "Noto Serif CJK SC: /" in printed
    assert f"wrote {out}" in printed


def test_missing_fonts_fail_the_command_without_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such CJK Family",))
    fonts.cjk_fonts_found.cache_clear()
    out = tmp_path / "sample.pdf"
    try:
        with pytest.raises(CommandError, match="fonts-noto-cjk"):
            call_command("documents", "sample", "--out", str(out))
    finally:
        fonts.cjk_fonts_found.cache_clear()
    assert not out.exists()
