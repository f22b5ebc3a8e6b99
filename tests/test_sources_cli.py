import json
from pathlib import Path

from tests.conftest import run_cli

GOOD = """sources:
  - name: zone-news
    kind: html
    url: https://example.gov.cn/news/index.html
    links: "ul.news a"
    schedule: "0 */2 * * *"
  - name: zone-feed
    kind: feed
    url: https://example.gov.cn/rss.xml
    schedule: "every 30m"
"""


def test_validate_good_file(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(GOOD, encoding="utf-8")
    result = run_cli("sources", "validate", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["name"] for line in result.stdout.splitlines()] == ["zone-news", "zone-feed"]


def test_validate_names_source_and_field(tmp_path: Path) -> None:
    bad = GOOD.replace('links: "ul.news a"', 'links: "ul >> a"').replace("every 30m", "every fortnight")
    (tmp_path / "s.yaml").write_text(bad, encoding="utf-8")
    result = run_cli("sources", "validate", env={"MONITOR_SOURCES": str(tmp_path / "s.yaml")}, cwd=tmp_path)
    assert result.returncode == 2
    assert "source 'zone-news': field 'links'" in result.stderr
    assert "source 'zone-feed': field 'schedule'" in result.stderr


def test_html_without_links_is_valid_but_duplicate_names_are_not(tmp_path: Path) -> None:
    bad = GOOD.replace('    links: "ul.news a"\n', "").replace("zone-feed", "zone-news")
    (tmp_path / "sources.yaml").write_text(bad, encoding="utf-8")
    result = run_cli("sources", "validate", cwd=tmp_path)
    assert result.returncode == 2 and "used by two sources" in result.stderr and "field 'links'" not in result.stderr


def test_missing_sources_file_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("sources", "validate", cwd=tmp_path)
    assert result.returncode == 2 and "MONITOR_SOURCES" in result.stderr


def test_sources_list_json_has_health_fields(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(GOOD, encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    result = run_cli("sources", "list", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(rows[0]) == {"name", "kind", "enabled", "verified", "last_run_at", "last_success_at", "last_new_item_at",
                            "items_last_run",
                            "consecutive_failures", "pending", "health", "zero_yield_runs", "parse_failure_rate"}
    assert rows[0]["last_run_at"] is None and rows[0]["pending"] == 0


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    import pytest

    from monitor.errors import SourcesFileError
    from monitor.sourcesfile import parse_sources

    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    bomb = "\n".join(levels) + "\nsources: *a8\n"
    with pytest.raises(SourcesFileError, match="expands to more than"):
        parse_sources(bomb)


def test_a_number_too_long_for_python_is_a_sources_error() -> None:
    """PyYAML turns an unquoted run of digits into an int; past 4,300 digits Python refuses with a ValueError,
    which escaped as a crash (found by the property test with a document of 16,384 '1's)."""
    import pytest

    from monitor.errors import SourcesFileError
    from monitor.sourcesfile import parse_sources

    for text in ("1" * 16384, "sources:\n  - {name: a, kind: feed, url: " + "9" * 5000 + "}\n"):
        with pytest.raises(SourcesFileError, match="quote it if it is meant as text"):
            parse_sources(text, "s.yaml")


def _deep_files() -> dict[str, str]:
    """Sources files nested 5,000 levels deep: in flow style, in block style, and inside a source's field."""
    depth = 5000
    return {
        "flow": "sources: " + "[" * depth + "]" * depth + "\n",
        "block": "sources:\n" + "".join("  " * level + "- \n" for level in range(1, depth)) + "  " * depth + "- x\n",
        "field": GOOD + "  - {name: deep, kind: feed, url: " + "{a: " * depth + "1" + "}" * depth + "}\n",
    }


def test_a_sources_file_nested_thousands_deep_is_an_error_not_a_recursion_error() -> None:
    import pytest

    from monitor.errors import SourcesFileError
    from monitor.sourcesfile import parse_sources

    for shape, text in _deep_files().items():
        with pytest.raises(SourcesFileError, match="nested more than 64 levels deep") as caught:
            parse_sources(text, "s.yaml")
        assert "line " in str(caught.value), shape
    # Aliases of aliases nest the data deeper than the text is: caught once the aliases are expanded.
    chain = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 200)) + "sources: *a199\n"
    with pytest.raises(SourcesFileError, match="nested more than 64 levels deep"):
        parse_sources(chain, "s.yaml")
    parse_sources(GOOD.replace("every 30m", "every 1h"))  # a real file is far from the limit


def test_commands_that_read_a_deeply_nested_sources_file_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(_deep_files()["flow"], encoding="utf-8")
    items = tmp_path / "items.jsonl"
    items.write_text("", encoding="utf-8")
    env = {"MONITOR_SOURCES": str(path), "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    for command in (["sources", "validate"], ["sources", "list"], ["crawl"], ["retag"], ["import", str(items)]):
        result = run_cli(*command, env=env, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "nested more than 64 levels deep" in result.stderr and "Traceback" not in result.stderr, command
    as_json = run_cli("sources", "validate", "--json", env=env, cwd=tmp_path)
    assert as_json.returncode == 2 and json.loads(as_json.stdout)["valid"] is False


def test_a_deeply_nested_topics_file_is_a_config_error(tmp_path: Path) -> None:
    import pytest

    from monitor.errors import ConfigError
    from monitor.tag.topics import load_taxonomy

    path = tmp_path / "topics.yaml"
    path.write_text("topics: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nested more than 64 levels deep"):
        load_taxonomy(path)


MISTAKES = """sources:
  # each source below holds one mistake an operator makes
  - name: zone-news
    kind: html
    url: https://example.gov.cn/news/index.html
    links: "ul.news a"
    next_pag: "a.next"
    zones: [zhongguancunn]
  - name: paper
    kind: epaper
    url: "https://paper.example.cn/html/{data:%Y-%m/%d}/node_{page}.htm"
    links: "a"
  - name: daily
    kind: plugin
    module: stdialy
    url: https://epaper.example.cn/api
  - name: busy
    kind: feed
    url: https://example.gov.cn/rss.xml
    schedule: "every 0m"
  - name: bad-regex
    kind: feed
    url: "https://example.gov.cn:99999/rss.xml"
    url_pattern: "(["
    selectors: {title: "h1 >> x"}
"""


def test_validate_reports_every_mistake_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(MISTAKES, encoding="utf-8")
    result = run_cli("sources", "validate", "--json", cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.returncode == 2, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(row) >= {"file", "line", "column", "source", "field", "message", "suggestion"} for row in rows)
    found = {(row["source"], row["field"]): row for row in rows}
    assert set(found) == {("zone-news", "next_pag"), ("zone-news", "zones.0"), ("paper", "url"), ("daily", "module"),
                          ("busy", "schedule"), ("bad-regex", "url"), ("bad-regex", "url_pattern"),
                          ("bad-regex", "selectors.title")}
    assert (found["zone-news", "next_pag"]["line"], found["zone-news", "next_pag"]["column"]) == (7, 5)
    assert found["zone-news", "next_pag"]["suggestion"] == "next_page"
    assert found["zone-news", "zones.0"]["suggestion"] == "zhongguancun" and found["zone-news", "zones.0"]["line"] == 8
    assert found["paper", "url"]["suggestion"] == "date" and found["paper", "url"]["line"] == 11
    assert found["daily", "module"]["suggestion"] == "stdaily" and found["daily", "module"]["line"] == 15
    assert found["busy", "schedule"]["line"] == 20
    assert all(row["file"].endswith("sources.yaml") for row in rows)
    text = run_cli("sources", "validate", cwd=tmp_path, env={"COLUMNS": "80"})
    lines = text.stderr.splitlines()
    assert any(line.endswith("sources.yaml:7:5: source 'zone-news': field 'next_pag': Extra inputs are not permitted "
                             "(kind 'html' has no such field) (did you mean 'next_page'?)") for line in lines), text.stderr
    assert len([line for line in lines if "sources.yaml:" in line and ": source '" in line]) == len(rows)


def test_a_schedule_message_keeps_its_brackets_and_stays_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(GOOD.replace("every 30m", "every fortnight"), encoding="utf-8")
    for command in (["sources", "validate"], ["crawl"]):
        result = run_cli(*command, cwd=tmp_path, env={"COLUMNS": "80", "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"})
        assert result.returncode == 2
        assert any("sources.yaml:10:15: source 'zone-feed': field 'schedule': must be 'every N[s|m|h|d]'" in line
                   for line in result.stderr.splitlines()), (command, result.stderr)


def test_a_template_typo_is_refused_when_the_file_is_read_not_when_the_source_runs() -> None:
    import pytest

    from monitor.errors import SourcesFileError
    from monitor.sourcesfile import parse_sources

    text = "sources:\n  - name: p\n    kind: epaper\n    url: 'https://p.example.cn/{data:%Y}/node_{page}.htm'\n    links: a\n"
    with pytest.raises(SourcesFileError, match=r"s.yaml:4:10: source 'p': field 'url': unknown URL template placeholder 'data'"):
        parse_sources(text, "s.yaml")
    parse_sources(text.replace("{data:", "{date:"), "s.yaml")
