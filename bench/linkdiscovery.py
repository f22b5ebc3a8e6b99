"""Link discovery without selectors, per CMS family: the fixture sites of tests/data/sites.

Usage: python bench/linkdiscovery.py [--only FAMILY] [--verbose]

For every list page of every family (two per family): the links ``scrapers.linkdiscovery``
returns against the page's listed articles (the truth in site.json):
- recall: listed articles found (target >= 95%);
- noise: share of returned links that are not listed articles (target <= 2%);
- agree: Jaccard similarity of the returned set and the set the family's hand-written selector
  config selects (1.00 = the same articles);
- next: list pages whose next page was found right (a last page's "none" counts as right).
Families are split into a tune and a held-out half by hash of their name (build.py, split_of),
fixed before the discovery rules were tuned; both are printed, with totals. "fresh" is a second
held-out set: families built after the rules were frozen (commit 2f568f8), never tuned on.
"limits" are layouts the rules are known to get wrong (one box template for list and sidebar; a
home page of several lists): measured to show how wrong, not tuned on, left out of "all". CPU time is
time.process_time of this process.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bs4 import BeautifulSoup  # noqa: E402

from monitor.fetch.decoding import decode_html  # noqa: E402
from monitor.fetch.urls import canonical_url, resolve  # noqa: E402
from scrapers.homefeeds import is_home_url  # noqa: E402
from scrapers.linkdiscovery import discover_list, expand_datastore  # noqa: E402
from tests.fixture_sites import FixtureSite, load_sites  # noqa: E402

ORIGIN = "http://www.site.test"


@dataclass
class Score:
    truth: int = 0
    found: int = 0
    hits: int = 0
    agree_sum: float = 0.0
    pages: int = 0
    next_right: int = 0

    def add(self, other: Score) -> None:
        for field in ("truth", "found", "hits", "agree_sum", "pages", "next_right"):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def row(self, label: str) -> str:
        recall = self.hits / self.truth if self.truth else 0.0
        noise = (self.found - self.hits) / self.found if self.found else 0.0
        return (f"{label:<22} {self.truth:>5} {self.found:>5} {recall:>7.1%} {noise:>6.1%} "
                f"{self.agree_sum / max(1, self.pages):>6.2f} {self.next_right:>3}/{self.pages}")


def _selected(site: FixtureSite, text: str, page_url: str) -> set[str]:
    soup = BeautifulSoup(expand_datastore(text), "lxml")
    links = site.selectors["links"] or "a"
    return {canonical_url(u) for a in soup.select(links) if (u := resolve(page_url, str(a.get("href") or "")))}


def score_site(site: FixtureSite, verbose: bool) -> Score:
    score = Score()
    for page in site.pages:
        url = ORIGIN + page.path
        text, _encoding = decode_html(site.body(page.path, ORIGIN), "text/html")
        result = discover_list(text, url, several=is_home_url(url))  # as the html kind calls it
        found = {link.url for link in result.links}
        truth = {canonical_url(ORIGIN + a) for a in page.articles}
        selected = _selected(site, text, url)
        score.truth += len(truth)
        score.found += len(found)
        score.hits += len(found & truth)
        score.agree_sum += len(found & selected) / max(1, len(found | selected))
        score.pages += 1
        expected_next = canonical_url(ORIGIN + page.next) if page.next else None
        got_next = canonical_url(result.next_page.url) if result.next_page else None
        score.next_right += expected_next == got_next
        if verbose:
            print(f"  {site.family} {page.path}")
            for line in result.reasons():
                print(f"    {line}")
            for missed in sorted(truth - found):
                print(f"    missed: {missed}")
            for extra in sorted(found - truth):
                print(f"    not an article: {extra}")
            if expected_next != got_next:
                print(f"    next page: expected {expected_next}, got {got_next}")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="one family")
    parser.add_argument("--verbose", action="store_true", help="reasons, misses and extras per page")
    args = parser.parse_args()
    sites = [s for s in load_sites() if not args.only or s.family == args.only]
    started = time.process_time()
    header = f"{'family':<22} {'truth':>5} {'found':>5} {'recall':>7} {'noise':>6} {'agree':>6} {'next':>5}"
    totals: dict[str, Score] = {}
    for split in ("tune", "heldout", "fresh", "limits"):
        chosen = [s for s in sites if s.split == split]
        if not chosen:
            continue
        print(f"\n{split} half\n{header}")
        total = totals.setdefault(split, Score())
        for site in chosen:
            score = score_site(site, args.verbose)
            total.add(score)
            print(score.row(site.family))
        print(total.row(f"= {split}"))
    everything = Score()
    for split, total in totals.items():
        if split != "limits":
            everything.add(total)
    print(f"\n{everything.row('= all')}")
    pages = everything.pages
    print(f"\n{pages} list pages in {time.process_time() - started:.2f} s CPU ({(time.process_time() - started) / max(1, pages) * 1000:.0f} ms a page)")


if __name__ == "__main__":
    main()
