"""Screenshots of the resident pages for the README, from a running app:

    .venv/bin/python docs/screenshots.py http://127.0.0.1:8000

Uses Debian's Chromium through Playwright, as the browser tests do; writes
docs/screenshots/*.png (home, form, form with errors, receipt with urgent help, follow-up,
English form, the development issuer's login, Mijn signalen).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).parent / "screenshots"
STORY = (
    "Ik kreeg een terugvordering van de toeslagen van 4.300 euro omdat mijn inkomen iets "
    "hoger was dan geschat. Ik betaal nu elke maand 180 euro terug en kom niet meer rond."
)


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_context(
            locale="nl-NL", viewport={"width": 900, "height": 1000}
        ).new_page()
        page.goto(f"{base}/")
        page.screenshot(path=OUT / "home.png", full_page=True)
        page.goto(f"{base}/melden")
        page.screenshot(path=OUT / "report-form.png", full_page=True)
        page.fill("#text", "Te kort")
        page.fill("#municipality", "Atlantis")
        page.click("button[type=submit]")
        page.screenshot(path=OUT / "report-errors.png", full_page=True)
        page.fill("#text", STORY)
        page.fill("#municipality", "Utrecht")
        page.check("#urgency-EVICTION")
        page.check("#urgency-CHILD_SAFETY")
        page.click("button[type=submit]")
        page.screenshot(path=OUT / "receipt.png", full_page=True)
        code = page.get_attribute("#receipt-code", "data-receipt") or ""
        page.goto(f"{base}/volgen")
        page.fill("#receipt", code)
        page.click("button[type=submit]")
        page.screenshot(path=OUT / "follow-up.png", full_page=True)
        english = browser.new_context(
            locale="en-GB", viewport={"width": 900, "height": 1000}
        ).new_page()
        english.goto(f"{base}/melden")
        english.screenshot(path=OUT / "report-form-en.png", full_page=True)
        account = browser.new_context(
            locale="nl-NL", viewport={"width": 900, "height": 1000}
        ).new_page()
        account.goto(f"{base}/inloggen")
        account.screenshot(path=OUT / "login.png", full_page=True)
        account.fill("#name", "Fatima de Vries")
        account.click("main button[type=submit]")
        account.goto(f"{base}/melden")
        account.fill("#text", STORY)
        account.fill("#municipality", "Zwolle")
        account.click("main button[type=submit]")
        account.goto(f"{base}/mijn-signalen")
        account.screenshot(path=OUT / "my-reports.png", full_page=True)
        browser.close()
    print(f"written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
