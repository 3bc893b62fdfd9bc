"""The stylesheet parses: an unclosed rule (a merge once dropped a brace) silently disables every
rule after it, and pages overflow a phone's width."""

from pathlib import Path

import onevisit

CSS = Path(onevisit.__file__).parent / "core" / "static" / "onevisit" / "css" / "onevisit.css"


def test_every_rule_of_the_stylesheet_is_closed():
    depth = 0
    for number, line in enumerate(CSS.read_text(encoding="utf-8").splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"line {number} closes a rule that was never opened"
        if line.startswith("/* ---"):
            assert depth == 0, f"section comment at line {number} sits inside an unclosed rule"
    assert depth == 0
