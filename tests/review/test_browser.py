"""The moderators' path in a real browser (Playwright driving Debian's Chromium): sign in,
filter the queue, open a claim, decide with the keyboard, watch it leave the queue, find
the audit entry. Screenshots of the main pages go to test-artifacts/review/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review.conftest import IN_CI, PASSWORD, Server, add_user, hostile_docs, sample_docs, seed

CHROMIUM = Path(os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from claimcheck.review.db import Database
    from claimcheck.review.migrate import upgrade

    directory = tmp_path_factory.mktemp("browser")
    url = str(directory / "review.sqlite3")
    database = Database.connect(url)
    upgrade(database)
    add_user(database, "admin", "admin")
    add_user(database, "mod")
    seed(database, directory, sample_docs() + hostile_docs())
    database.dispose()
    server = Server(url, directory / "server.log")
    server.start()
    yield server
    server.stop()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/queue")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/queue")


def test_review_with_the_keyboard(browser, site: Server) -> None:
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(site.base + "/login")
    _shot(page, "01-login")
    _sign_in(page, site.base, "mod")
    _shot(page, "02-queue")
    rows = page.locator("#queue tbody tr")
    assert rows.count() == 8
    # Contradicted first: the hostile claim (harm 0.95) leads, shown as text.
    assert "<script>" in rows.nth(0).locator(".claim-link").inner_text()

    page.check("input[name=verdict][value=contradicted]")
    page.select_option("select[name=topic]", "kratom")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**verdict=contradicted**")
    assert rows.count() == 2
    assert all(v == "CONTRADICTED" for v in rows.locator("td.model .verdict").all_inner_texts())
    _shot(page, "03-queue-filtered")

    page.keyboard.press("j")
    page.keyboard.press("j")  # the second row: the kratom dependence claim
    page.keyboard.press("Enter")
    page.wait_for_url("**/claims/**")
    claim_id = page.url.split("/claims/")[1].split("?")[0]
    assert page.locator("h1.claim-text").inner_text() == "Kratom does not cause dependence."
    assert page.locator("mark#claim-mark").inner_text() == "Kratom does not cause dependence."
    assert "kratom-dependence-survey-malaysia-2014" in page.locator(".evidence").inner_text()
    _shot(page, "04-claim")

    page.keyboard.press("n")
    page.keyboard.type("checked the survey; confirmed")  # "c" typed here must not decide
    assert "/claims/" in page.url
    page.keyboard.press("Escape")
    page.keyboard.press("c")
    page.wait_for_url("**/queue**done=*")
    assert f"Decision saved for claim #{claim_id}" in page.locator(".flash").inner_text()
    assert rows.count() == 1
    assert "Kratom does not cause dependence." not in page.locator("#queue").inner_text()
    _shot(page, "05-queue-after-decision")

    page.goto(site.base + f"/claims/{claim_id}")
    history = page.locator(".history").inner_text()
    assert "confirm" in history and "checked the survey; confirmed" in history
    context.close()

    admin = browser.new_context(viewport={"width": 1360, "height": 900})
    admin_page = admin.new_page()
    admin_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _sign_in(admin_page, site.base, "admin")
    admin_page.goto(site.base + "/audit?action=decision.confirm")
    entry = admin_page.locator("#audit tbody tr").first.inner_text()
    assert "mod" in entry and f"#{claim_id}" in entry and "confirmed (contradicted)" in entry
    _shot(admin_page, "06-audit")
    admin_page.goto(site.base + "/metrics")
    _shot(admin_page, "07-metrics")
    admin_page.goto(site.base + "/intake")
    _shot(admin_page, "10-intake")
    hostile = admin_page.locator("#queue tbody tr").first
    admin_page.goto(site.base + "/queue")
    hostile.click()
    admin_page.wait_for_url("**/claims/**")
    _shot(admin_page, "08-claim-hostile")
    assert admin_page.locator("a[href^='javascript']").count() == 0
    admin.close()
    assert dialogs == []  # no injected script ran anywhere


def test_conflict_in_the_browser(browser, site: Server) -> None:
    """Two moderators open the same claim; the second to decide sees who decided what."""
    first = browser.new_context(viewport={"width": 1360, "height": 900})
    second = browser.new_context(viewport={"width": 1360, "height": 900})
    page1, page2 = first.new_page(), second.new_page()
    _sign_in(page1, site.base, "admin")
    _sign_in(page2, site.base, "mod")
    page1.fill("#search", "shortens colds")
    page1.keyboard.press("Enter")
    page1.wait_for_url("**q=shortens**")
    page1.click("#queue .claim-link")
    page1.wait_for_url("**/claims/**")
    claim_url = page1.url
    page2.goto(claim_url)
    assert "admin has this claim open right now" in page2.locator(".warning").inner_text()
    page1.keyboard.press("d")  # admin dismisses it first
    page1.wait_for_url("**/queue**done=*")
    page2.keyboard.press("s")  # the moderator, on the stale page, changes it to supported
    page2.wait_for_load_state()
    banner = page2.locator(".conflict").inner_text()
    assert "Someone else decided first" in banner
    assert "it is now dismissed by admin" in banner
    assert "Status: dismissed" in page2.locator(".state").inner_text()
    _shot(page2, "09-conflict")
    first.close()
    second.close()
