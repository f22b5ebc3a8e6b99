"""Real ordinary multi-speaker reports (tests/data/ordinary_multi: meetings, forums, inspections, vox-pops, interviews,
each labelled one article) the roundup splitter leaves whole must stay whole, as text and as HTML (issue 18). The
pages main's splitter of 2026-12-08 cuts already are listed apart: they are known misses, not a licence; a rule that
cuts one more of the others fails here. bench/ordinary_multi.py prints the figures."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from monitor.extract.extractor import extract_article, extract_text_page

PAGES = Path(__file__).parent / "data" / "ordinary_multi"
LABELS = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))["pages"]
# cut into pieces by the splitter when this test was written (known misses)
CUT_AS_TEXT = {"o07", "o13", "o16", "o18", "o19", "o21", "o22", "o24", "o27", "o28", "o32", "o33"}
CUT_AS_HTML = {"o13", "o16", "o27", "o28", "o32"}


def _as_html(text: str) -> str:
    """The page as bench/roundup_variants.py builds its HTML variant: one <p> per line."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><title></title></head><body>{body}</body></html>"


@pytest.mark.parametrize("page", [p for p in LABELS if p["file"][:3] not in CUT_AS_TEXT], ids=lambda p: p["file"][:3])
def test_a_whole_report_stays_whole_as_text(page: dict) -> None:
    text = (PAGES / page["file"]).read_text(encoding="utf-8")
    assert extract_text_page(text, page["url"]).pieces == ()


@pytest.mark.parametrize("page", [p for p in LABELS if p["file"][:3] not in CUT_AS_HTML], ids=lambda p: p["file"][:3])
def test_a_whole_report_stays_whole_as_html(page: dict) -> None:
    text = (PAGES / page["file"]).read_text(encoding="utf-8")
    assert extract_article(_as_html(text), page["url"]).pieces == ()
