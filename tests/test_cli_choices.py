"""Unknown zones, provinces, topics and content types are refused with the valid choices (exit 2) by
`subscribers add`, `articles list` and the web form, through one check (monitor/digest/choices.py); the
names a reader uses (江苏, 新闻, 人才) are stored as the canonical values."""

from __future__ import annotations

import json
import warnings

import pytest

from monitor.digest.choices import UnknownChoice, check_choices
from monitor.store import db
from monitor.tag.topics import UnknownTopicError
from monitor.web.app import create_app
from tests.conftest import run_cli
from tests.digest_helpers import store_articles

with warnings.catch_warnings():  # Starlette's note that it will prefer httpx2: the client works as it is
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def test_the_check_names_the_unknown_values_and_lists_the_choices() -> None:
    with pytest.raises(UnknownChoice) as province:
        check_choices(provinces=["江苏", "加州"])
    assert province.value.kind == "provinces" and province.value.unknown == ("加州",)
    assert "unknown province" in str(province.value) and "江苏省" in str(province.value) and "广西壮族自治区" in str(province.value)
    with pytest.raises(UnknownChoice, match=r"unknown content type: 'blog'.*news（新闻）.*notice（通知公告）"):
        check_choices(types=["news", "blog"])
    with pytest.raises(UnknownChoice, match=r"unknown zone: '中关材'.*中关村科技园区.*monitor zones list"):
        check_choices(zones=["中关材"])
    with pytest.raises(UnknownTopicError, match=r"no-such-topic.*talent \(人才\)"):
        check_choices(topics=["no-such-topic"])
    chosen = check_choices(zones=["中关村", "zhongguancun"], provinces=["广西", "内蒙古自治区", " "], topics=["人才"],
                           types=["新闻", "Policy"])
    assert chosen.zones == ("zhongguancun",) and chosen.provinces == ("广西壮族自治区", "内蒙古自治区")
    assert chosen.topics == ("talent",) and chosen.types == ("news", "policy")


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--zone", "atlantis", "unknown zone: 'atlantis'"),
    ("--province", "加州", "unknown province: '加州'"),
    ("--topic", "alchemy", "unknown topic id: alchemy"),
    ("--type", "blog", "unknown content type: 'blog'"),
])
def test_subscribers_add_and_articles_list_refuse_unknown_values_with_exit_2(
        option: str, value: str, expected: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'm.db'}"  # refused before anything is stored: one database is enough
    db.upgrade(url)
    env = {"MONITOR_DATABASE_URL": url}
    for command in (("subscribers", "add", "a@example.org"), ("articles", "list")):
        done = run_cli(*command, option, value, env=env, cwd=tmp_path)
        assert done.returncode == 2, (command, done.stderr)
        said = " ".join(done.stderr.split())
        assert expected in said, said
    listed = run_cli("subscribers", "list", "--json", env=env, cwd=tmp_path)
    assert listed.returncode == 0 and listed.stdout == ""  # nothing was stored


def test_names_readers_use_are_stored_as_canonical_values_and_filter_articles(migrated_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"MONITOR_DATABASE_URL": migrated_url}
    added = run_cli("subscribers", "add", "a@example.org", "--province", "江苏", "--type", "政策", "--topic", "人才",
                    "--zone", "中关村", env=env, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    [subscriber] = [json.loads(line) for line in run_cli("subscribers", "list", "--json", env=env, cwd=tmp_path).stdout.splitlines()]
    [subscription] = subscriber["subscriptions"]
    assert subscription["provinces"] == ["江苏省"] and subscription["types"] == ["policy"]
    assert subscription["topics"] == ["talent"] and subscription["zones"] == ["zhongguancun"]

    store_articles(migrated_url, [
        {"url": "https://a.example.cn/1.html", "title": "中关村政策", "body": "中关村科技园区发布政策。" * 10,
         "zones": ["zhongguancun"], "content_type": "policy"},
        {"url": "https://a.example.cn/2.html", "title": "中关村新闻", "body": "中关村科技园区举办活动。" * 10,
         "zones": ["zhongguancun"]},
        {"url": "https://a.example.cn/3.html", "title": "天津新闻", "body": "天津滨海高新区举办活动。" * 10,
         "zones": ["tianjinbinhai"]},
    ])

    def titles(*options: str) -> list[str]:
        done = run_cli("articles", "list", "--json", *options, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return sorted(json.loads(line)["title"] for line in done.stdout.splitlines())

    assert titles("--province", "北京") == ["中关村政策", "中关村新闻"]
    assert titles("--type", "policy") == ["中关村政策"]
    assert titles("--province", "天津市", "--type", "新闻") == ["天津新闻"]
    assert titles("--province", "天津", "--zone", "中关村") == []  # both must hold: no zone is in both


def test_the_web_form_refuses_an_unknown_province_with_the_valid_ones(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings_for(migrated_url))) as client:
        page = client.post("/subscribe", data={"email": "w@example.org", "provinces": "加州", "frequency": "daily"})
    assert page.status_code == 400 and "未知的省份：加州" in page.text and "江苏省" in page.text
