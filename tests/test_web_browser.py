"""The subscriber's pages in a real headless browser (Debian's chromium, driven by Selenium through Debian's
chromium-driver; browser downloads do not work here), all in one browser session to keep the suite short:

- subscribe -> confirm -> manage (every filter) -> add and remove a subscription -> unsubscribe, in Chinese and
  in English, at 375 px and at 1280 px;
- every filter set from the CLI survives saving the manage page unchanged;
- axe-core (tests/vendor/axe-core/axe.min.js, injected by the test: nothing is downloaded) finds no serious or
  critical accessibility violation on any page;
- the Chinese pages show no English word (beyond addresses, the timezone name and the link to English).

With MONITOR_SCREENSHOTS=<folder> the journey saves a screenshot of each page and of a digest there
(docs/screenshots holds the committed ones)."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.digest_helpers import store_articles
from tests.test_web import _running, _subscriber

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = os.environ.get("MONITOR_SCREENSHOTS")
WIDTHS = (375, 1280)
# What the pages of a language say, to wait for the page a click leads to.
SAYS = {
    "zh-CN": {"inbox": "请查收邮件", "confirm": "确认订阅", "confirmed": "订阅已确认", "manage": "我的订阅",
              "updated": "您的订阅已更新", "added": "已添加订阅", "removed": "订阅已删除", "unsubscribe": "退订",
              "unsubscribed": "已退订", "home": "国家高新区动态", "archive": "报道存档"},
    "en": {"inbox": "Check your inbox", "confirm": "Confirm your subscription", "confirmed": "Subscription confirmed",
           "manage": "Your subscriptions", "updated": "Your subscription was updated", "added": "Subscription added",
           "removed": "Subscription removed", "unsubscribe": "Unsubscribe", "unsubscribed": "Unsubscribed",
           "home": "National high-tech zone monitor", "archive": "Archive"},
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium and chromium-driver must be installed in CI (.ci/run installs them)")
        pytest.skip("chromium / chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--lang=zh-CN", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


class Journey:
    """One browser on the running app: waits for pages, checks them with axe-core, saves screenshots."""

    def __init__(self, browser: Any, base: str, outbox: Path) -> None:
        self.browser, self.base, self.outbox = browser, base, outbox
        self.checked: set[tuple[str, str]] = set()  # (page, language) already run through axe

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.browser.find_element(By.CSS_SELECTOR, css)

    def heading_says(self, text: str) -> None:  # a click does not wait for the next page: wait for its heading
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        # while the next page replaces this one, Chrome may answer "node does not belong to the document": retry
        WebDriverWait(self.browser, 20, ignored_exceptions=(WebDriverException,)).until(
            expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))

    def notice_says(self, text: str) -> None:
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.browser, 20, ignored_exceptions=(WebDriverException,)).until(
            expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), text))

    def check(self, page: str, language: str, width: int) -> None:
        """axe-core on this page (once per page and language), the no-English rule on Chinese pages, a screenshot."""
        if (page, language) not in self.checked:
            self.checked.add((page, language))
            self.browser.execute_script(AXE.read_text(encoding="utf-8"))
            violations = self.browser.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
                "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html)}))));")
            serious = [v for v in violations if v["impact"] in ("serious", "critical")]
            assert not serious, f"{page} ({language}): {json.dumps(serious, ensure_ascii=False, indent=1)}"
            if language == "zh-CN":
                text = self.browser.execute_script("return document.body.innerText")
                allowed = r"\S+@\S+|Asia/Shanghai|Europe/Berlin|English|https?://\S+"
                english = re.findall(r"[A-Za-z]{3,}", re.sub(allowed, "", text))
                assert not english, f"{page}: English on a Chinese page: {english}"
        if SCREENSHOTS and (language == "zh-CN" or page in ("home", "manage")):
            self.screenshot(f"{page}-{language}-{width}.png", width)

    def screenshot(self, name: str, width: int) -> None:
        """The whole page: the window made as tall as the page for the picture, then put back."""
        height = self.browser.execute_script("return document.documentElement.scrollHeight")
        self.browser.set_window_size(width, min(int(height) + 20, 8000))
        self.browser.save_screenshot(str(Path(SCREENSHOTS or ".") / name))
        self.browser.set_window_size(width, 900)

    def mail_to(self, email: str, route: str) -> str:
        for path in sorted(self.outbox.glob("*.eml")):
            mail = message_from_bytes(path.read_bytes(), policy=policy.default)
            if str(mail["To"]).endswith(f"<{email}>") or str(mail["To"]) == email:
                body = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
                found = re.search(rf"http://\S+/{route}/\S+", body)
                if found:
                    return found.group(0)
        raise AssertionError(f"no {route} link mailed to {email}")


def _check_box(journey: Journey, name: str, value: str) -> None:
    box = journey.find(f"input[name='{name}'][value='{value}']")
    if not box.is_displayed():  # in a closed province or picker: open it, as a reader would
        journey.browser.execute_script("arguments[0].closest('details').open = true", box)
    if not box.is_selected():
        journey.browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()


def _type(journey: Journey, css: str, text: str) -> None:
    field = journey.find(css)
    if not field.is_displayed():  # among the further conditions, folded away: open them, as a reader would
        journey.browser.execute_script("arguments[0].closest('details').open = true", field)
    field.clear()
    field.send_keys(text)


def _choose(journey: Journey, css: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(journey.find(css)).select_by_value(value)


def _journey(journey: Journey, language: str, width: int, migrated_url: str) -> None:
    """subscribe -> confirm -> manage every filter -> add and remove a subscription -> unsubscribe."""
    from monitor.digest.subscribers import list_subscribers
    from monitor.store import db

    says, lang = SAYS[language], "" if language == "zh-CN" else "?lang=en"
    email = f"{language.lower()}-{width}@example.com"
    journey.browser.set_window_size(width, 900)
    journey.browser.get(f"{journey.base}/{lang}")
    journey.heading_says(says["home"])
    journey.check("home", language, width)
    journey.browser.get(f"{journey.base}/archive{lang}")
    journey.heading_says(says["archive"])
    journey.check("archive", language, width)

    journey.browser.get(f"{journey.base}/subscribe{lang}")
    journey.check("subscribe", language, width)
    _type(journey, "#email", email)
    _type(journey, "#new-zone_search", "宝鸡")  # the search box narrows the list (JavaScript), then a box is checked
    assert not journey.find("input[name='zones'][value='baotouxitu']").is_displayed()
    _check_box(journey, "zones", "baoji")
    _check_box(journey, "types", "policy")
    journey.find("form.subscribe button[type=submit]").click()
    journey.heading_says(says["inbox"])
    journey.check("inbox", language, width)

    journey.browser.get(journey.mail_to(email, "confirm"))
    journey.heading_says(says["confirm"])  # opening the link shows a button; only pressing it confirms
    journey.check("confirm", language, width)
    assert not _subscriber(migrated_url, email).confirmed  # type: ignore[union-attr]
    journey.find("main button[type=submit]").click()
    journey.heading_says(says["confirmed"])
    journey.check("confirmed", language, width)
    journey.find("main a").click()  # "choose what you receive": the manage page
    journey.heading_says(says["manage"])
    journey.check("manage", language, width)

    sid = journey.find("input[name=subscription]").get_attribute("value")
    p = f"#s{sid}-"
    _type(journey, "#name", "读者 Reader")
    _type(journey, "#timezone", "Europe/Berlin")
    _choose(journey, "#group_by", "topic")
    _type(journey, f"{p}zone_search", "包头稀土")
    _check_box(journey, f"s{sid}-zones", "baotouxitu")
    _check_box(journey, f"s{sid}-provinces", "江苏省")
    _check_box(journey, f"s{sid}-topics", "innovation-incubation")
    _check_box(journey, f"s{sid}-types", "news")
    _type(journey, f"{p}cities", "宝鸡市, 包头市")
    _type(journey, f"{p}people", "张三")
    _type(journey, f"{p}keywords", "稀土，新材料")
    _check_box(journey, f"s{sid}-match", "all")
    _type(journey, f"{p}exclude", "招聘")
    _type(journey, f"{p}sources", "宝鸡高新区")
    _choose(journey, f"{p}frequency", "weekly")
    _choose(journey, f"{p}hour", "17")
    _choose(journey, f"{p}weekday", "4")
    journey.find("#manage > p > button[type=submit]").click()
    journey.notice_says(says["updated"])

    engine = db.make_engine(migrated_url)
    try:
        from sqlmodel import Session

        with Session(engine) as session:
            [view] = [v for v in list_subscribers(session) if v.email == email]
    finally:
        engine.dispose()
    assert (view.name, view.timezone, view.group_by, view.language) == ("读者 Reader", "Europe/Berlin", "topic", language)
    [filters] = view.subscriptions
    assert filters.as_json() == {
        "frequency": "weekly", "zones": ["baoji", "baotouxitu"], "provinces": ["江苏省"], "cities": ["宝鸡市", "包头市"],
        "topics": ["innovation-incubation"], "people": ["张三"], "keywords": ["稀土", "新材料"], "exclude": ["招聘"], "match": "all",
        "types": ["news", "policy"], "sources": ["宝鸡高新区"], "hour": 17, "weekday": 4}

    journey.find("form:not(#manage) input[name=add] + button").click()  # a second subscription, then away again
    journey.notice_says(says["added"])
    assert len(journey.browser.find_elements("css selector", "input[name=subscription]")) == 2
    journey.find(f"button[form='remove-{sid}']").click()
    journey.notice_says(says["removed"])
    remaining = journey.browser.find_elements("css selector", "input[name=subscription]")
    assert [e.get_attribute("value") for e in remaining] != [sid] and len(remaining) == 1

    journey.find("main > p > a[href*='/unsubscribe/']").click()
    journey.heading_says(says["unsubscribe"])
    journey.check("unsubscribe", language, width)
    journey.find("main button[type=submit]").click()
    journey.heading_says(says["unsubscribed"])
    journey.check("unsubscribed", language, width)
    assert _subscriber(migrated_url, email).status == "unsubscribed"  # type: ignore[union-attr]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_subscribe_confirm_manage_unsubscribe_in_both_languages_and_widths(browser, migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import free_port

    store_articles(migrated_url, [{"url": f"http://n.example.cn/{n}.html", "title": f"宝鸡高新区新材料产业第{n}季度快速发展",
                                   "body": "宝鸡高新区钛材料产业加快发展，稀土新材料项目落地。", "zones": ["baoji"]}
                                  for n in range(1, 4)], source="宝鸡高新区")
    settings = settings_for(migrated_url, base_url=f"http://127.0.0.1:{free_port()}")
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
    with _running(settings) as base:
        journey = Journey(browser, base, Path(settings.outbox))
        for language in ("zh-CN", "en"):
            for width in WIDTHS:
                _journey(journey, language, width, migrated_url)
        if SCREENSHOTS:
            _digest_screenshot(journey, settings, migrated_url)


def _digest_screenshot(journey: Journey, settings: Any, migrated_url: str) -> None:
    from monitor.digest import preview_digest
    from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
    from monitor.store import db

    engine = db.make_engine(migrated_url)
    try:
        from sqlmodel import Session

        with Session(engine) as session:
            add_subscriber(session, "digest@example.com", "读者", "Asia/Shanghai", SubscriptionFilters(zones=("baoji",)))
        digest = preview_digest(engine, settings, "digest@example.com")
    finally:
        engine.dispose()
    assert digest is not None
    page = Path(SCREENSHOTS or ".") / "digest.html"
    page.write_text(digest.html, encoding="utf-8")
    journey.browser.set_window_size(1280, 900)
    journey.browser.get(page.as_uri())
    journey.screenshot("digest-zh-CN-1280.png", 1280)
    page.unlink()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_saving_the_manage_page_unchanged_keeps_every_filter_set_from_the_cli(browser, migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    from monitor.digest.tokens import make_token
    from tests.conftest import free_port

    settings = settings_for(migrated_url, base_url=f"http://127.0.0.1:{free_port()}")
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_OUTBOX": str(settings.outbox)}
    every_filter = ["--zone", "宝鸡高新区", "--zone", "baotouxitu", "--province", "江苏省", "--city", "宝鸡市",
                    "--topic", "innovation-incubation", "--person", "张三", "--keyword", "稀土,新材料", "--keyword", "钛",
                    "--exclude", "招聘", "--match", "all", "--type", "policy", "--type", "interview",
                    "--source", "zone-news", "--frequency", "weekly", "--hour", "6", "--weekday", "fri"]
    for args in (every_filter, ["--frequency", "immediate", "--keyword", "孵化器", "--exclude", "广告"]):
        added = run_cli("subscribers", "add", "cli@example.com", "--name", "读者", "--tz", "America/New_York",
                        "--group-by", "topic", "--language", "en", *args, env=env)
        assert added.returncode == 0, added.stderr
    before = _export(migrated_url)
    assert len(before["subscriptions"]) == 2 and before["language"] == "en"

    subscriber = _subscriber(migrated_url, "cli@example.com")
    assert subscriber is not None and subscriber.id is not None
    with _running(settings) as base:
        journey = Journey(browser, base, Path(settings.outbox))
        browser.set_window_size(1280, 900)
        browser.get(f"{base}/manage/{make_token(settings.secret_key, 'manage', subscriber.id)}")
        journey.heading_says(SAYS["en"]["manage"])  # the subscriber's language
        assert len(browser.find_elements("css selector", "input[name=subscription]")) == 2
        journey.find("#manage > p > button[type=submit]").click()
        journey.notice_says(SAYS["en"]["updated"])
    assert _export(migrated_url) == before


def _export(url: str) -> dict[str, Any]:
    """Everything held on the subscriber, as `monitor subscribers export` prints it."""
    from sqlmodel import Session

    from monitor.digest.subscribers import export_subscriber
    from monitor.store import db

    engine = db.make_engine(url)
    with Session(engine) as session:
        exported = export_subscriber(session, "cli@example.com")
    engine.dispose()
    assert exported is not None
    return exported
