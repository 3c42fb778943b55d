#!/usr/bin/env python3
"""Checks a provider's attendance sheet in a real browser, on a phone-sized screen.

Against a running `wegweiser serve` with a course whose session DATE has two confirmed people:
accepts the provider's staff invitation (name, address, password: signed in), opens the sheet at 390x844 CSS pixels (mobile), runs axe-core
(WCAG 2.0/2.1 A and AA, serious and critical), marks the first person present with a tap on a
label and the second absent without excuse with the keyboard alone (arrow keys in the radio
group), saves and signs off with the button, then audits the course's attendance overview.

Prints one JSON line and exits 0 whatever it found: the caller asserts. Exits 2 when the browser
or axe-core cannot run.
"""

import argparse
import json
import sys
import traceback

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from browser_check import AXE_RUN, AXE_TAGS, BLOCKING_IMPACTS, STAFF_PASSWORD, WAIT_SECONDS, HarnessUnavailable, load_axe_source, reason, start_browser


def audit(driver, axe_source, page, errors):
    try:
        driver.execute_script(axe_source)
        result = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    except WebDriverException as error:
        result = {"error": reason(error)}
    if "error" in result:
        errors.append(f"axe on {page}: {result['error']}")
        return ["axe-run-failed"]
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
    for v in blocking:
        print(f"axe {page}: {v['impact']} {v['id']}: {v['help']} at {v['targets']}", file=sys.stderr)
    return sorted({v["id"] for v in blocking})


def checked(person):
    """The code chosen in one person's group, or None."""
    chosen = person.find_elements(By.CSS_SELECTOR, "input[type=radio]:checked")
    return chosen[0].get_attribute("value") if chosen else None


def wait_for_new_page(driver, old):
    WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.staleness_of(old))


def check(args, driver, axe_source):
    report = {"errors": []}
    driver.get(args.url + args.provider_invitation)
    # A phone's screen, set on a loaded page (right after the start Chromium may still be busy).
    # Switching to a mobile screen may rebuild the document, so the form is looked up after a
    # fresh load under it, never kept from before.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    # On a busy machine the rebuild may still come after that load, and the form found before
    # it is then no longer in the document: the sign-in is tried again on a fresh load.
    for attempt in range(3):
        try:
            driver.get(args.url + args.provider_invitation)
            form = WebDriverWait(driver, WAIT_SECONDS).until(
                expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "form#invitation")))
            form.find_element(By.CSS_SELECTOR, "input[name=name]").send_keys("Petra Kursleitung")
            form.find_element(By.CSS_SELECTOR, "input[name=email]").send_keys("petra@vhs.example")
            form.find_element(By.CSS_SELECTOR, "input[name=password]").send_keys(STAFF_PASSWORD)
            form.find_element(By.CSS_SELECTOR, "input[name=passwordAgain]").send_keys(STAFF_PASSWORD)
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait_for_new_page(driver, form)
            break
        except WebDriverException as error:
            if attempt == 2 or "does not belong to the document" not in str(error) and "stale element" not in str(error):
                raise

    sheet = f"/provider/courses/{args.course}/attendance/{args.date}"
    driver.get(args.url + sheet)
    people = driver.find_elements(By.CSS_SELECTOR, "fieldset.person")
    report["people"] = [p.find_element(By.TAG_NAME, "legend").text for p in people]
    report["radiosPerPerson"] = [len(p.find_elements(By.CSS_SELECTOR, "input[type=radio]")) for p in people]
    report["fitsPhone"] = driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    report["sheetAxe"] = audit(driver, axe_source, "sheet", report["errors"])
    if len(people) >= 2:
        # A tap on the words, as a teacher's thumb does.
        people[0].find_element(By.XPATH, ".//label[input[@value='X']]").click()
        # Keyboard only: into the second group, then two steps along it (X, E, U).
        first = people[1].find_element(By.CSS_SELECTOR, "input[value='X']")
        driver.execute_script("arguments[0].focus()", first)
        first.send_keys(Keys.SPACE)
        driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
        driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
        report["chosen"] = [checked(p) for p in people]
        button = driver.find_element(By.CSS_SELECTOR, "button[name=signOff]")
        button.click()
        wait_for_new_page(driver, button)
        report["notice"] = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, "p.notice"))
        report["signedOffMarks"] = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
        report["signedOffAxe"] = audit(driver, axe_source, "signed-off sheet", report["errors"])

    driver.get(args.url + f"/provider/courses/{args.course}/attendance")
    report["chart"] = len(driver.find_elements(By.CSS_SELECTOR, "figure svg[role=img]"))
    report["chartValues"] = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ul.chart-values li")]
    report["overviewAxe"] = audit(driver, axe_source, "overview", report["errors"])
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--provider-invitation", required=True, help="the path of the provider's staff invitation, /staff/invitation/...")
    parser.add_argument("--course", required=True)
    parser.add_argument("--date", required=True)
    args = parser.parse_args()
    try:
        axe_source = load_axe_source()
        driver = start_browser("de-DE")
    except HarnessUnavailable as error:
        print(error, file=sys.stderr)
        return 2
    try:
        report = check(args, driver, axe_source)
    except WebDriverException as error:
        print(f"attendance_check: {error}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        report = {"errors": [reason(error)]}
    finally:
        driver.quit()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
