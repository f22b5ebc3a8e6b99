"""The catalogue of real sources (monitor/data/catalogue.yaml) and the commands that read it:
`monitor sources catalogue [--province P] [--json]` and `monitor sources add --from-catalogue ID`."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from monitor.catalogue import CatalogueEntry, load_catalogue, parse_catalogue
from monitor.errors import CatalogueError
from monitor.sourcesedit import add_to_sources, source_of
from monitor.tag.gazetteer import load_gazetteer
from tests.conftest import run_cli

CONTRACT_FIELDS = ["id", "zone_id", "name", "kind", "url", "list_url", "verified", "note"]
MEDIA = {"stdaily", "stdaily-epaper", "chinahightech", "people", "ce", "gmw", "xinhua", "torch"}

# A sources file as an operator writes it: comments above and beside entries, quoted values, its own order.
SOURCES_BY_HAND = """# Our sources. Keep this comment.
sources:
  # The e-paper, read by its plugin.
  - name: stdaily-epaper
    kind: plugin
    module: stdaily
    url: https://epaper.stdaily.com/stdailynewspaperapi
    schedule: "0 7 * * *"  # every morning
    verified: false

  - name: zgc-news
    kind: html
    url: http://www.zgc.gov.cn/zgc/yw/gzdt/index.html
    links: "div.w_ul_list ul li span a"
    url_pattern: "/\\\\d{6}/[0-9a-f]{32}\\\\.shtml$"
    zones: [zhongguancun]
"""


def _host_of(host_or_url: str) -> str:
    host = (urlsplit(host_or_url).hostname or host_or_url).lower()
    return host.removeprefix("www.")


def _zone_with_site() -> CatalogueEntry:
    """A zone entry that can be added to SOURCES_BY_HAND (whose zgc-news already reads 中关村's list)."""
    return next(e for e in load_catalogue().entries if e.zone_id and e.url and e.source_url not in SOURCES_BY_HAND)


def _zone_without_site() -> CatalogueEntry | None:
    return next((e for e in load_catalogue().entries if e.zone_id and not e.source_url), None)


# the shipped catalogue -------------------------------------------------------------------------
def test_one_entry_per_national_zone_and_the_national_media() -> None:
    entries = load_catalogue().entries
    zone_ids = [e.zone_id for e in entries if e.zone_id]
    assert sorted(zone_ids) == sorted(z.id for z in load_gazetteer().zones)  # each zone once
    assert MEDIA <= {e.id for e in entries if e.zone_id is None}
    assert all(e.verified is False for e in entries)


def test_zone_sites_are_the_gazetteers() -> None:
    """The gazetteer's websites column is the one place zone sites are kept: every zone entry's URL is the
    zone's first host there, and none is invented for a zone whose host is unknown."""
    gazetteer = load_gazetteer()
    for entry in load_catalogue().entries:
        if entry.zone_id is None:
            continue
        zone = gazetteer.get(entry.zone_id)
        assert zone is not None and entry.name == zone.full_name and entry.province == zone.province
        if zone.websites:
            site = zone.sites[0]  # a host, or a portal's section: its URL keeps the section's path
            assert entry.url is not None and urlsplit(entry.url).hostname == site.host, entry.id
            assert urlsplit(entry.url).path == site.path + "/", entry.id
        else:
            assert entry.url is None, entry.id


def test_a_zone_entrys_note_says_whether_its_site_is_known() -> None:
    """A host added to the gazetteer makes its zone's 'no official site found' note false: the note follows the
    column (jiangmen, kelamayi, zhenjiang and nanning kept the old note after their hosts were found)."""
    gazetteer = load_gazetteer()
    for entry in load_catalogue().entries:
        zone = gazetteer.get(entry.zone_id) if entry.zone_id else None
        if zone is None:
            continue
        says_unknown = entry.note.startswith("No official site found")
        assert says_unknown == (not zone.websites), f"{entry.id}: note {entry.note!r}"


def test_news_lists_are_on_the_zones_own_sites() -> None:
    gazetteer = load_gazetteer()
    for entry in load_catalogue().entries:
        if entry.zone_id is None or entry.list_url is None:
            continue
        zone = gazetteer.get(entry.zone_id)
        assert zone is not None
        list_host = _host_of(entry.list_url)
        assert any(list_host == site.bare_host or list_host.endswith("." + site.bare_host) for site in zone.sites), \
            entry.id


def test_every_url_says_where_it_came_from() -> None:
    for entry in load_catalogue().entries:
        if entry.list_url or (entry.zone_id is None and entry.url):
            assert len(entry.note) > 20, f"{entry.id}: a URL without a note on its source page"


# parsing ---------------------------------------------------------------------------------------
def test_a_zone_entry_cannot_carry_its_own_site() -> None:
    text = "zones:\n  - id: hefei\n    zone_id: hefei\n    kind: html\n    url: http://elsewhere.example/\n    verified: false\n"
    with pytest.raises(CatalogueError, match="from the gazetteer"):
        parse_catalogue(text)


def test_unknown_zone_duplicate_id_and_verified_true_are_refused() -> None:
    entry = "  - id: {id}\n    zone_id: {zone}\n    kind: html\n    verified: {verified}\n"
    with pytest.raises(CatalogueError, match="unknown zone_id 'atlantis'"):
        parse_catalogue("zones:\n" + entry.format(id="a", zone="atlantis", verified="false"))
    with pytest.raises(CatalogueError, match="used by two entries"):
        parse_catalogue("zones:\n" + entry.format(id="a", zone="hefei", verified="false")
                        + entry.format(id="a", zone="wuhu", verified="false"))
    with pytest.raises(CatalogueError, match="verified: false"):
        parse_catalogue("zones:\n" + entry.format(id="a", zone="hefei", verified="true"))


def test_site_url_takes_the_scheme_of_a_list_on_the_same_host() -> None:
    zone = next(z for z in load_gazetteer().zones if z.websites)
    host = zone.websites[0]
    text = (f"zones:\n  - id: z\n    zone_id: {zone.id}\n    kind: html\n    list_url: https://{host}/news/\n"
            "    verified: false\n    note: list seen in a published page\n")
    entry = parse_catalogue(text).get("z")
    assert entry.url == f"https://{host}/" and entry.source_url == f"https://{host}/news/"


def test_a_zone_whose_site_is_a_section_of_a_portal_gets_the_sections_url() -> None:
    """A websites entry host/path (the zone's section of a city portal): the entry's URL is the section's, never
    the portal's front page, and `sources add` starts from it."""
    entry = load_catalogue().get("beihai")
    assert entry.url == entry.source_url == "http://www.beihai.gov.cn/xxgkbm/bhgxjscykfqglwyh/"


def test_unknown_id_suggests_the_nearest() -> None:
    catalogue = load_catalogue()
    with pytest.raises(CatalogueError, match="did you mean: .*hefei"):
        catalogue.get("hefie")
    with pytest.raises(CatalogueError, match="did you mean: hefei"):
        catalogue.get("合肥高新区")  # a zone's Chinese name points at its id


def test_an_entry_without_url_cannot_become_a_source() -> None:
    entry = CatalogueEntry(id="x", zone_id="hefei", name="合肥高新技术产业开发区", kind="html", url=None, list_url=None,
                           verified=False, note="")
    with pytest.raises(CatalogueError, match="has no URL"):
        source_of(entry)


def test_add_keeps_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES_BY_HAND, encoding="utf-8")
    entry = _zone_with_site()
    assert add_to_sources(path, entry) == entry.id
    text = path.read_text(encoding="utf-8")
    assert text.startswith(SOURCES_BY_HAND.rstrip("\n") + "\n")  # nothing before the new entry changed
    added = yaml.safe_load(text)["sources"][-1]
    assert added == {"name": entry.id, "kind": "html", "url": entry.source_url, "zones": [entry.zone_id],
                     "verified": False}
    assert f"# {entry.name}: added from the catalogue" in text


# the commands, through the real entry point ----------------------------------------------------
def test_catalogue_json_contract(tmp_path: Path) -> None:
    result = run_cli("sources", "catalogue", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(load_catalogue().entries)
    assert all(list(r) == CONTRACT_FIELDS for r in records)
    media = [r for r in records if r["id"] in MEDIA]
    assert len(media) == len(MEDIA) and all(r["zone_id"] is None for r in media)
    assert all(r["verified"] is False for r in records)


def test_catalogue_by_province_in_a_table(tmp_path: Path) -> None:
    result = run_cli("sources", "catalogue", "--province", "江苏", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    jiangsu = [z.id for z in load_gazetteer().zones if z.province == "江苏省"]
    assert ids == jiangsu
    table = run_cli("sources", "catalogue", "--province", "江苏省", cwd=tmp_path, env={"COLUMNS": "80"})
    assert table.returncode == 0, table.stderr
    assert "名称" in table.stdout and "省份" in table.stdout
    assert all(zone_id in table.stdout for zone_id in jiangsu)  # ids are never cut
    assert run_cli("sources", "catalogue", "--province", "亚特兰蒂斯", cwd=tmp_path).returncode == 2


def test_add_from_catalogue_command(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(SOURCES_BY_HAND, encoding="utf-8")
    env = {"MONITOR_SOURCES": str(path)}
    entry = _zone_with_site()
    result = run_cli("sources", "add", "--from-catalogue", entry.id, "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"] == entry.id and record["source_url"] == entry.source_url and "valid" in record
    assert path.read_text(encoding="utf-8").startswith(SOURCES_BY_HAND.rstrip("\n"))
    again = run_cli("sources", "add", "--from-catalogue", entry.id, env=env, cwd=tmp_path)
    assert again.returncode == 2 and "already there" in again.stderr
    same_url = run_cli("sources", "add", "--from-catalogue", "zhongguancun", env=env, cwd=tmp_path)
    assert same_url.returncode == 2 and "zgc-news" in same_url.stderr  # its list is already read by zgc-news
    unknown = run_cli("sources", "add", "--from-catalogue", "zhongguancum", env=env, cwd=tmp_path)
    assert unknown.returncode == 2 and "zhongguancun" in unknown.stderr


def test_add_refuses_an_entry_without_url(tmp_path: Path) -> None:
    entry = _zone_without_site()
    if entry is None:
        pytest.skip("every zone of the gazetteer has a site")
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES_BY_HAND, encoding="utf-8")
    result = run_cli("sources", "add", "--from-catalogue", entry.id, cwd=tmp_path)
    assert result.returncode == 2 and "has no URL" in result.stderr
    assert path.read_text(encoding="utf-8") == SOURCES_BY_HAND
