"""Every image the docs show is in the repository."""

from __future__ import annotations

import re

from .conftest import PROJECT


def test_every_image_in_the_docs_exists() -> None:
    shown = []
    for page in sorted((PROJECT / "docs").glob("*.md")):
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            shown.append(target)
            assert (page.parent / target).is_file(), (page.name, target)
    assert "images/datasette-gift-overview.png" in shown
