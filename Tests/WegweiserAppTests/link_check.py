#!/usr/bin/env python3
"""Follows a participant's personal link from a real mail in a real browser.

Against a running `wegweiser serve` that writes mail as .eml files:

  a. reads the newest mail to --holder in --mail-dir with Python's email parser and takes the
     one personal link (`.../b/...`) from its text part; checks the HTML part links the same;
  b. opens that link in headless Chromium: records `lang`, `dir`, whether `form#cancel` is
     there, and runs axe-core (WCAG 2.0/2.1 A and AA, serious and critical);
  c. does the same for --waiter's link (the second language);
  d. on the holder's page, presses the cancel button as rendered and records where it lands,
     what the page then says and whether the cancel form is gone;
  e. signs in as the advice centre (accepting --centre-invitation), opens the printable confirmation of
     --print-booking, decodes the QR code on a screenshot with zxing-cpp, reads the link printed
     beside it, and prints the page to PDF (A4, the page's own size) to count its pages.

Prints one JSON line and exits 0 whatever it found; exits 2 when the browser, axe-core or
zxing-cpp is missing.

  {"holderLink", "htmlHasLink", "holder": {"lang", "dir", "hasCancel", "axe"},
   "waiter": {...}, "cancelled": {"url", "status", "hasCancel"},
   "print": {"decoded", "printedLink", "pdfPages", "axe"}, "errors": [...]}
"""

import argparse
import base64
import email
import email.policy
import io
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser_check  # noqa: E402  (the same browser, axe-core and audit)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

LINK = re.compile(r"https?://[^\s<>\"]+/b/[A-Za-z0-9_-]+")


def newest_link(mail_dir, recipient):
    """The personal link of the newest mail to `recipient`, and whether its HTML part links it too."""
    found = []
    for path in Path(mail_dir).glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if recipient not in str(message["To"]):
            continue
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        links = LINK.findall(text)
        if len(links) == 1:
            found.append((path.stat().st_mtime, links[0], f'href="{links[0]}"' in html))
    if not found:
        raise SystemExit(f"link_check: no mail with one personal link to {recipient} in {mail_dir}")
    return max(found)[1:]


class Auditor(browser_check.BrowserCheck):
    """browser_check's audit, on pages of our choosing."""

    def look(self, driver, url, name):
        driver.get(url)
        WebDriverWait(driver, browser_check.WAIT_SECONDS).until(
            expected_conditions.presence_of_element_located((By.TAG_NAME, "main")))
        found = driver.execute_script("""
            return {lang: document.documentElement.lang, dir: document.documentElement.dir,
                    hasCancel: document.querySelector('form#cancel') !== null,
                    status: (document.querySelector('[role=status]') || {}).textContent || ''};
        """)
        found["axe"] = self.audit(driver, name)
        if self.args.screenshots:
            self.take_screenshots(driver, name)
        return found


def decode_qr(png):
    import numpy
    import zxingcpp
    from PIL import Image
    image = numpy.array(Image.open(io.BytesIO(png)).convert("L"))
    results = zxingcpp.read_barcodes(image)
    return [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("--url", "--mail-dir", "--holder", "--waiter", "--centre-invitation", "--print-booking"):
        parser.add_argument(name, required=True)
    parser.add_argument("--screenshots", type=Path)
    args = parser.parse_args()
    args.url = args.url.rstrip("/")
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        import zxingcpp  # noqa: F401
        from PIL import Image  # noqa: F401
        auditor = Auditor(args, browser_check.load_axe_source())
        driver = browser_check.start_browser("de")
    except (ImportError, browser_check.HarnessUnavailable) as error:
        print(f"link_check: {error}", file=sys.stderr)
        return 2
    report = {"errors": auditor.errors}
    try:
        holder_link, report["htmlHasLink"] = newest_link(args.mail_dir, args.holder)
        waiter_link, _ = newest_link(args.mail_dir, args.waiter)
        report["holderLink"] = holder_link
        report["holder"] = auditor.look(driver, holder_link, "link-holder")
        report["waiter"] = auditor.look(driver, waiter_link, "link-waiter")

        driver.get(holder_link)
        form = driver.find_element(By.CSS_SELECTOR, "form#cancel")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, browser_check.WAIT_SECONDS).until(expected_conditions.staleness_of(form))
        after = auditor.look(driver, driver.current_url, "link-cancelled")
        report["cancelled"] = {"url": driver.current_url, "status": after["status"], "hasCancel": after["hasCancel"]}

        auditor.sign_in(driver)
        driver.get(f"{args.url}/centre/bookings/{args.print_booking}/print")
        WebDriverWait(driver, browser_check.WAIT_SECONDS).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "figure.qr svg")))
        browser_check.set_viewport(driver, 794, 1123)  # A4 at 96 dpi
        png = base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"])
        if args.screenshots:
            (args.screenshots / "print.png").write_bytes(png)
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        report["print"] = {
            "decoded": decode_qr(png),
            "printedLink": driver.find_element(By.CSS_SELECTOR, "figure.qr .link").text,
            "pdfPages": len(re.findall(rb"/Type\s*/Page[^s]", pdf)),
            "axe": auditor.audit(driver, "print"),
        }
    except Exception as error:  # noqa: BLE001  (the caller asserts on what is missing)
        auditor.errors.append(f"{type(error).__name__}: {error}")
    finally:
        driver.quit()
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
