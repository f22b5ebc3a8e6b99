"""The service keeps its start-up objects out of the garbage collector's full walks (issue 23: every scheduled crawl
due during a full collection of a few hundred MB began up to 1.6 s late), and still frees what dies among them."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.service.scheduler import Service, freeze_heap
from monitor.settings import Settings
from monitor.store import db


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _cycle() -> weakref.ref[_Node]:
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    return weakref.ref(first)


def test_a_frozen_cycle_is_collected_by_the_nightly_refreeze(unfrozen: None) -> None:
    alive = _cycle()  # garbage already, unless something keeps it
    kept = _cycle()
    holder = [kept()]
    freeze_heap()  # collects first: the dead cycle is gone, the held one frozen
    assert alive() is None
    assert gc.get_freeze_count() > 0
    holder.clear()  # the held cycle dies while frozen: a full collection does not see it
    gc.collect()
    assert kept() is not None
    freeze_heap(refreeze=True)
    assert kept() is None


def test_the_service_freezes_its_start_up_objects_before_the_first_tick(tmp_path: Path, unfrozen: None) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    db.upgrade(url)
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources: []\n", encoding="utf-8")
    settings = Settings(_env_file=None, database_url=url, sources=sources, outbox=tmp_path / "outbox",  # type: ignore[call-arg]
                        secret_key="test", cpu_workers=0)
    engine = db.make_engine(url)
    service = Service(settings, engine, web=False)
    frozen_when_started: list[int] = []

    async def run_briefly() -> None:
        runner = asyncio.create_task(service.run())
        while service.scheduler is None or not service.scheduler.running:
            await asyncio.sleep(0.01)
        frozen_when_started.append(gc.get_freeze_count())
        assert service.stop is not None
        service.stop.set()
        await runner

    assert gc.get_freeze_count() == 0
    try:
        asyncio.run(run_briefly())
    finally:
        engine.dispose()
    # the packaged gazetteer and the tagger's automata alone are tens of thousands of objects
    assert frozen_when_started[0] > 10_000
