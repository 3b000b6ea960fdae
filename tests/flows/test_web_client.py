"""The resident web client in a real Chromium (Debian's `chromium`, driven by Playwright):
an anonymous report with and without JavaScript, the receipt, the follow-up with a staff
message and a reply, English, the urgent-help panel, and axe-core with 0 violations on
every page and state."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from frontend_contract import operation
from tests.stack import Stack

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
STORY = (
    "Ik kreeg een terugvordering van de toeslagen van 4.300 euro omdat mijn inkomen iets "
    "hoger was dan geschat. Ik betaal nu elke maand 180 euro terug en kom niet meer rond."
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not shutil.which("chromium") and not shutil.which(CHROMIUM):
        pytest.fail(
            "Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield found
        finally:
            found.close()


def _page(browser: Browser, *, javascript: bool = True, locale: str = "nl-NL") -> Page:
    context = browser.new_context(java_script_enabled=javascript, locale=locale)
    return context.new_page()


def _sql(stack: Stack, query: str) -> list[dict[str, Any]]:
    """Playwright's sync API holds this thread's event loop: the database is read from
    another thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(stack.sql, query).result()


def _no_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _fill_report(page: Page, base: str, text: str = STORY, municipality: str = "Amsterdam") -> None:
    page.goto(f"{base}/melden")
    page.fill("#text", text)
    page.fill("#municipality", municipality)


def _receipt(page: Page) -> str:
    code = page.get_attribute("#receipt-code", "data-receipt")
    assert code and re.fullmatch(r"\d{16}", code)
    return code


def test_home_explains_and_passes_axe(stack: Stack, browser: Browser) -> None:
    page = _page(browser)
    page.goto(f"{stack.api.base_url}/")
    assert page.get_attribute("html", "lang") == "nl"
    assert "Geen meldpunt voor fraude" in page.content()
    _no_violations(page)


def test_report_without_javascript_gives_a_receipt_once(stack: Stack, browser: Browser) -> None:
    """(axe needs JavaScript; the same pages are checked in the tests with it.)"""
    page = _page(browser, javascript=False)
    _fill_report(page, stack.api.base_url)
    page.click("button[type=submit]")
    assert page.url.startswith(f"{stack.api.base_url}/melden/ontvangen/")
    assert page.locator("h1").inner_text() == "Uw signaal is ontvangen"
    code = _receipt(page)
    groups = page.locator("#receipt-code .group").all_inner_texts()
    assert groups == [code[i : i + 4] for i in range(0, 16, 4)]
    assert page.locator(".qr img").count() == 1
    page.reload()  # shown once: a reload does not show it again
    assert "al getoond" in page.locator("h1").inner_text()
    assert code not in page.content()


def test_errors_are_summarised_and_linked_with_javascript(stack: Stack, browser: Browser) -> None:
    page = _page(browser)
    page.goto(f"{stack.api.base_url}/melden")
    _no_violations(page)
    page.fill("#text", "Te kort")
    page.fill("#municipality", "Atlantis")
    page.click("button[type=submit]")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    links = summary.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "#municipality" in links
    assert page.evaluate("document.activeElement.id") == "error-summary"  # focus on the summary
    assert page.get_attribute("#municipality", "aria-invalid") == "true"
    assert page.input_value("#text") == "Te kort"  # nothing typed is lost
    _no_violations(page)
    # Too short, once the municipality is right.
    page.fill("#municipality", "'s-Hertogenbosch")
    page.click("button[type=submit]")
    assert page.locator("#error-summary a[href='#text']").count() == 1
    _no_violations(page)


def test_urgent_help_comes_first(stack: Stack, browser: Browser) -> None:
    page = _page(browser)
    _fill_report(page, stack.api.base_url, municipality="Rotterdam")
    page.check("#urgency-SUICIDE_RISK")
    page.click("button[type=submit]")
    panel = page.locator(".urgent-help")
    assert panel.is_visible() and "0800-0113" in panel.inner_text()
    # The municipality's own number, where we know it.
    assert "Rotterdam" in panel.inner_text() and "14 010" in panel.inner_text()
    # Before anything else in the page's main content.
    first = page.evaluate("document.querySelector('main').firstElementChild.className")
    assert first == "urgent-help"
    _no_violations(page)


def test_follow_up_with_a_staff_message_and_a_reply(stack: Stack, browser: Browser) -> None:
    page = _page(browser)
    _fill_report(page, stack.api.base_url, municipality="Utrecht")
    page.click("button[type=submit]")
    code = _receipt(page)
    reference = _sql(stack, "SELECT id::text AS id FROM report ORDER BY created_at DESC LIMIT 1")[
        0
    ]["id"]
    staff = stack.token("staff")
    sent = stack.api.gql(operation("SendFeedback"), {"input": {
        "reportId": reference, "body": "Dank u. Kunt u zeggen wanneer de terugvordering begon?"}}, staff)  # fmt: skip
    assert sent["sendFeedback"]["__typename"] == "FeedbackSent", sent
    page.goto(f"{stack.api.base_url}/volgen")
    _no_violations(page)
    page.fill("#receipt", " ".join(code[i : i + 4] for i in range(0, 16, 4)))
    page.click("button[type=submit]")
    assert "wanneer de terugvordering begon" in page.content()
    _no_violations(page)
    page.fill("#body", "In maart van dit jaar, na de jaarafrekening.")
    page.click("form[action='/volgen/reactie'] button[type=submit]")
    assert page.locator(".confirmation").inner_text() == "Uw reactie is verstuurd."
    assert "In maart van dit jaar" in page.content()
    _no_violations(page)
    # An unknown receipt: a clear answer on the form, never a stack trace.
    page.goto(f"{stack.api.base_url}/volgen")
    page.fill("#receipt", "0000 0000 0000 0000")
    page.click("button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    _no_violations(page)


def test_after_closing_the_follow_up_offers_the_survey(stack: Stack, browser: Browser) -> None:
    page = _page(browser, locale="en-GB")
    _fill_report(page, stack.api.base_url, municipality="Leiden")
    page.click("button[type=submit]")
    code = _receipt(page)
    reference = _sql(stack, "SELECT id::text AS id FROM report ORDER BY created_at DESC LIMIT 1")[
        0
    ]["id"]
    closed = stack.api.gql(operation("SetReportStatus"), {"input": {
        "reportId": reference, "status": "CLOSED"}}, stack.token("staff"))  # fmt: skip
    assert closed["setReportStatus"]["__typename"] == "ReportStatusSet", closed
    page.goto(f"{stack.api.base_url}/volgen")
    page.fill("#receipt", code)
    page.click("main button[type=submit]")
    assert "We have finished with your report." in page.content()  # in the reporter's language
    assert page.locator(".survey").is_visible()
    _no_violations(page)
    page.check("#satisfaction-UNSATISFIED")
    page.check("#understood-NO")
    page.click(".survey button[type=submit]")
    assert "look at your report again" in page.locator(".confirmation").inner_text()
    assert page.locator(".survey").count() == 0
    _no_violations(page)


def test_the_english_flow(stack: Stack, browser: Browser) -> None:
    page = _page(browser, locale="en-GB")
    page.goto(f"{stack.api.base_url}/melden")  # Accept-Language: en-GB
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("label[for=text]").inner_text() == "What happened?"
    _no_violations(page)
    page.fill("#text", "My housing benefit was stopped because my son moved in with me for "
                       "three months while he looked for a job, and now I owe 2,100 euros.")  # fmt: skip
    page.fill("#municipality", "Groningen")
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Your report has been received"
    # The API's own answer comes in the page's language too.
    assert "Thank you. We have received your report." in page.locator("main").inner_text()
    _no_violations(page)
    # The switch goes back to Dutch.
    page.click("nav[aria-label=Language] a[lang=nl]")
    assert page.get_attribute("html", "lang") == "nl"


def test_logging_in_reports_with_the_account_and_follows_it_up(
    stack: Stack, browser: Browser
) -> None:
    """OIDC authorization code with PKCE against the development issuer's local login."""
    base = stack.api.base_url
    page = _page(browser)
    page.goto(f"{base}/")
    page.click("nav[aria-label=Account] a")
    assert page.url.startswith(f"{base}/dev-issuer/authorize?")
    assert "code_challenge_method=S256" in page.url
    _no_violations(page)
    page.fill("#name", "Fatima de Vries")
    page.click("button[type=submit]")
    assert page.url.startswith(f"{base}/mijn-signalen")
    assert "Fatima de Vries" in page.locator("nav[aria-label=Account]").inner_text()
    assert "nog geen signalen" in page.content()
    _no_violations(page)
    # A report with the account: no receipt, the report is on "Mijn signalen".
    _fill_report(page, base, municipality="Zwolle")
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Uw signaal is ontvangen"
    assert page.locator("#receipt-code").count() == 0
    _no_violations(page)
    page.click("main a[href^='/mijn-signalen']")
    assert page.locator(".my-report").count() == 1
    row = _sql(stack, "SELECT id::text AS id, anonymous, reporter_subject, receipt_hash "
                      "FROM report ORDER BY created_at DESC LIMIT 1")[0]  # fmt: skip
    assert row["anonymous"] is False and row["receipt_hash"] is None
    assert row["reporter_subject"].startswith("dev-resident-")
    staff = stack.token("staff")
    sent = stack.api.gql(operation("SendFeedback"), {"input": {
        "reportId": row["id"], "body": "Dank u. Sinds wanneer betaalt u terug?"}}, staff)  # fmt: skip
    assert sent["sendFeedback"]["__typename"] == "FeedbackSent", sent
    page.reload()
    assert "Sinds wanneer betaalt u terug?" in page.content()
    page.fill(f"#body-{row['id']}", "Sinds januari, elke maand.")
    page.click(".my-report button[type=submit]")
    assert page.locator(".confirmation").inner_text() == "Uw reactie is verstuurd."
    _no_violations(page)
    # Closed by staff: the survey is offered with the account too.
    closed = stack.api.gql(operation("SetReportStatus"), {"input": {
        "reportId": row["id"], "status": "CLOSED"}}, staff)  # fmt: skip
    assert closed["setReportStatus"]["__typename"] == "ReportStatusSet", closed
    page.reload()
    page.check(f"[id='{row['id']}-satisfaction-SATISFIED']")
    page.check(f"[id='{row['id']}-understood-YES']")
    page.click(".survey button[type=submit]")
    assert "Dank u wel voor uw antwoorden" in page.locator(".confirmation").inner_text()
    _no_violations(page)
    # Logged out, "Mijn signalen" asks to log in again.
    page.click("nav[aria-label=Account] button")
    assert page.url.startswith(f"{base}/?") or page.url == f"{base}/"
    assert page.locator("nav[aria-label=Account] a").inner_text() == "Inloggen"
    page.goto(f"{base}/mijn-signalen")
    assert page.url.startswith(f"{base}/dev-issuer/authorize?")


def test_zoomed_to_400_percent_nothing_scrolls_sideways(stack: Stack, browser: Browser) -> None:
    """WCAG 1.4.10 reflow: 1280 CSS pixels at 400% is a 320-pixel-wide viewport."""
    context = browser.new_context(viewport={"width": 320, "height": 256}, locale="nl-NL")
    page = context.new_page()
    for path in ("/", "/melden", "/volgen", "/?lang=en"):
        page.goto(f"{stack.api.base_url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
    context.close()


def test_the_report_form_works_by_keyboard_alone(stack: Stack, browser: Browser) -> None:
    page = _page(browser)
    page.goto(f"{stack.api.base_url}/melden")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    order: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.id || e.tagName, s.outlineStyle, e.closest('main') !== null]; })()"
        )
        assert focused[1] != "none", focused  # focus is visible
        if focused[2]:
            order.append(focused[0])
        if focused[0] == "BUTTON" and focused[2]:
            break
    # Story first, then the municipality; the send button is reached last.
    assert order.index("text") < order.index("municipality") < len(order) - 1
    assert order[-1] == "BUTTON"
    page.focus("#text")
    page.keyboard.type(STORY)
    page.focus("#municipality")
    page.keyboard.type("Amsterdam")
    page.focus("main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/melden/ontvangen/.*"))
    assert page.locator("h1").inner_text() == "Uw signaal is ontvangen"


def test_a_login_that_was_not_started_here_is_refused(stack: Stack) -> None:
    answer = httpx.get(f"{stack.api.base_url}/inloggen/terug?code=abc&state=forged")
    assert answer.status_code == 400 and "Inloggen is niet gelukt" in answer.text
    assert "sp_sessie" not in answer.headers.get("set-cookie", "")


def test_a_form_from_elsewhere_is_refused(stack: Stack) -> None:
    before = _sql(stack, "SELECT count(*) AS n FROM report")[0]["n"]
    answer = httpx.post(
        f"{stack.api.base_url}/melden", data={"text": STORY, "municipality": "Amsterdam"}
    )
    assert answer.status_code == 400 and "verlopen" in answer.text
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    assert _sql(stack, "SELECT count(*) AS n FROM report")[0]["n"] == before
