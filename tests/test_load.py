"""A small load run (20 sites x 25 articles, 5% faulty answers) through `monitor crawl`; bench/load.py is the full one."""

from __future__ import annotations

from tests.load_site import FAULT_KINDS, LoadPlan, run_load


def test_a_crawl_of_many_faulty_sites_stores_every_good_article_once() -> None:
    figures = run_load(LoadPlan(sources=20, per_source=25, seed=9, repost_rate=0.02))
    assert figures.problems == ()
    assert figures.exit_code == 0
    assert set(figures.faults) == set(FAULT_KINDS), figures.faults  # the seed spoils answers in every way
    assert figures.broken > 0 and figures.retries > 0
    assert figures.articles == figures.expected > 20 * 25 - figures.broken  # reposts are stored too
