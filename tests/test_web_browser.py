"""The subscribe -> confirm -> unsubscribe journey in a real headless browser (Debian's chromium,
driven by Selenium through Debian's chromium-driver; browser downloads do not work here)."""

from __future__ import annotations

import os
import re
import shutil
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.test_web import _subscriber, web_app  # noqa: F401  (fixture)

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
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
                 "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_subscribe_confirm_unsubscribe_in_a_browser(web_app, browser, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    def heading_says(text: str) -> None:  # a click does not wait for the next page: wait for its heading
        WebDriverWait(browser, 20).until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))

    base, settings = web_app
    browser.get(f"{base}/subscribe")
    browser.find_element(By.ID, "email").send_keys("browser@example.com")
    browser.find_element(By.ID, "zones").send_keys("包头稀土高新区, 宝鸡高新区")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    heading_says("Check your inbox")

    [mail] = list(Path(settings.outbox).glob("*.eml"))
    body = message_from_bytes(mail.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()  # type: ignore[union-attr]
    browser.get(re.search(r"http://\S+/confirm/\S+", body).group(0))  # type: ignore[union-attr]
    heading_says("confirmed")
    subscriber = _subscriber(migrated_url, "browser@example.com")
    assert subscriber is not None and subscriber.confirmed

    from monitor.digest.tokens import make_token

    browser.get(f"{base}/unsubscribe/{make_token(settings.secret_key, 'unsubscribe', subscriber.id)}")
    heading_says("Unsubscribe")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    heading_says("Unsubscribed")
    assert _subscriber(migrated_url, "browser@example.com").status == "unsubscribed"  # type: ignore[union-attr]
