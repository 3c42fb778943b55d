#!/usr/bin/env python3
"""Checks Wegweiser's server-rendered pages in a real browser, as a person would see them.

Drives Debian's headless Chromium through chromedriver (selenium) against a running
`wegweiser serve --samples`:

  a. the public catalogue "/" in a German browser: it shows the expected course; records the
     page's `lang` and `dir`;
  b. the same page in a second browser whose Accept-Language is Arabic: records `lang` and `dir`
     (a right-to-left page answers "ar" and "rtl");
  c. an advice centre's staff invitation accepted (signed in), then the participant page: the course matches
     (`#course-matches li.match`), the expected reason inside them, and `#not-eligible`;
  d. axe-core (from the pip package axe-selenium-python) on each page, WCAG 2.0/2.1 A and AA,
     keeping the serious and critical violations;
  e. with --screenshots DIR, full-page PNGs of each page at 1280 and 390 CSS pixels wide;
  f. with --provider-invitation, a provider's invitation accepted in a fresh browser, then the
     provider's forms in German and again in Arabic (`?lang=ar`): a new course, its preview (the
     form filled in by script, `preview` pressed), the same form refused for a blank title, a
     published course's edit page, the places, a new place, a place's edit page, the spreadsheet
     upload, its answer to a file with a bad row and to a clean file (not confirmed); axe on every
     one (no screenshots);
  g. the centre's counselling hours in German and in Arabic: the series form, its preview (filled
     in by script), the form refused for a blank counsellor, the day view and the centre's
     spreadsheet upload; axe on each.

Prints one JSON line and exits 0 whatever the checks found: the caller asserts.

  {"catalogue": {"lang", "dir", "hasCourse"}, "arabic": {"lang", "dir"},
   "participant": {"matches", "hasReason", "hasNotEligible"},
   "provider": {"<page><De|Ar>": {"lang", "dir", "previewDates", "fieldErrors"}} or null,
   "slots": {"<page><De|Ar>": {"lang", "dir", "previewCount", "fieldErrors", "daySlots"}} or null,
   "axe": {"catalogue": [ids], "catalogueAr": [ids], "participant": [ids], "<provider page>": [ids],
           "version", "unknownTags"},
   "screenshots": [paths], "errors": [what could not be done]}

A page that could not be audited gets a made-up axe id ("page-not-loaded", "page-not-checked",
"axe-run-failed"), so that it never passes for a clean one; the details of each violation go to
stderr. Exits 2, with the reason on stderr, only when the harness cannot run at all: no browser,
or no axe-core. `--self-test` runs steps a, b, d and e on "/" only ("participant" is null), for
trying the harness on a static page.
"""

import argparse
import base64
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
SCREENSHOT_WIDTHS = (1280, 390)
VIEWPORT_HEIGHT = 900
MAX_SCREENSHOT_HEIGHT = 16000  # Chromium draws nothing past its largest texture
WAIT_SECONDS = 20
# What the checks choose when they accept a staff invitation.
STAFF_PASSWORD = "eine Beratung am Montagmorgen"

# Runs axe on the whole document and hands back only what the report needs. Tags this axe-core
# does not know are left out (axe rejects the whole run for one) and named in `unknownTags`:
# axe-selenium-python 2.x, the last release for Python < 3.12, ships axe-core 3.1.1, which has
# no `wcag21a` rule yet.
AXE_RUN = """
const done = arguments[arguments.length - 1];
const known = new Set(axe.getRules().flatMap(rule => rule.tags));
const tags = arguments[0].filter(tag => known.has(tag));
axe.run(document, {runOnly: {type: 'tag', values: tags}})
    .then(result => done({
        version: axe.version,
        unknownTags: arguments[0].filter(tag => !known.has(tag)),
        violations: result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map(node => node.target.join(' '))}))}))
    .catch(error => done({error: String(error)}));
"""


class HarnessUnavailable(Exception):
    """The browser or axe-core is missing or will not start: nothing can be checked."""


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--expect-course", required=True, help="a course title the catalogue must show")
    parser.add_argument("--centre-invitation", help="the path of an advice centre's staff invitation, /staff/invitation/...")
    parser.add_argument("--participant-id", help="a participant of that centre")
    parser.add_argument("--expect-reason", help="text that must appear among the participant's course matches")
    parser.add_argument("--screenshots", type=Path, help="directory for PNG screenshots")
    parser.add_argument("--provider-invitation", help="the path of a provider's staff invitation: step f")
    parser.add_argument("--self-test", action="store_true", help="check only the catalogue (steps a, b, d, e)")
    args = parser.parse_args()
    if not args.self_test:
        missing = [name for name in ("centre_invitation", "participant_id", "expect_reason") if getattr(args, name) is None]
        if missing:
            parser.error("without --self-test these are required: " + ", ".join(
                "--" + name.replace("_", "-") for name in missing))
    args.url = args.url.rstrip("/")
    return args


def load_axe_source():
    """axe.min.js as shipped inside the pip package axe-selenium-python."""
    spec = importlib.util.find_spec("axe_selenium_python")
    if spec is None or not spec.submodule_search_locations:
        raise HarnessUnavailable("the pip package axe-selenium-python is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise HarnessUnavailable(f"axe-core is missing: {path}")
    return path.read_text(encoding="utf-8")


def start_browser(language):
    """A headless Chromium whose Accept-Language and UI language are `language`."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={SCREENSHOT_WIDTHS[0]},{VIEWPORT_HEIGHT}", f"--lang={language}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    try:
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    except WebDriverException as error:
        raise HarnessUnavailable(f"Chromium ({CHROMIUM}, {CHROMEDRIVER}) did not start: {error.msg}") from error
    driver.set_script_timeout(120)
    return driver


def normalised(text):
    return " ".join(text.split())


def reason(error):
    return error.msg or type(error).__name__


def set_viewport(driver, width, height):
    """A desktop viewport of that size in CSS pixels, as a window of that size would give."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


class BrowserCheck:
    """One run of the checks: what they found, the errors met, and the screenshots taken."""

    def __init__(self, args, axe_source):
        self.args = args
        self.axe_source = axe_source
        self.errors = []
        self.screenshots = []
        self.axe = {"catalogue": None, "catalogueAr": None, "participant": None, "version": None, "unknownTags": []}

    def open_page(self, driver, path):
        """Loads `path` and waits for its `main`; answers whether it came. A redirect is noted in the errors."""
        url = self.args.url + path
        driver.get(url)
        if driver.current_url != url:
            self.errors.append(f"{url}: redirected to {driver.current_url}")
        try:
            WebDriverWait(driver, WAIT_SECONDS).until(
                expected_conditions.presence_of_element_located((By.TAG_NAME, "main")))
            return True
        except TimeoutException:
            self.errors.append(f"{url}: no <main> after {WAIT_SECONDS} s (title: {driver.title!r})")
            return False

    def catalogue(self, driver):
        """Steps a and b: the catalogue's language and direction, and whether it shows the course."""
        found = driver.execute_script("""
            const main = document.querySelector('main');
            return {lang: document.documentElement.lang, dir: document.documentElement.dir,
                    text: main ? main.textContent : ''};
        """)
        return {"lang": found["lang"], "dir": found["dir"],
                "hasCourse": normalised(self.args.expect_course) in normalised(found["text"])}

    def sign_in(self, driver):
        """Step c, first half: the centre's invitation, accepted with a name, address and password."""
        self.accept_invitation(driver, self.args.centre_invitation, "Selin Beratung", "selin@awo.example")

    def accept_invitation(self, driver, path, name, email):
        """Opens a staff invitation and accepts it with a name, an address and the password."""
        try:
            if not self.open_page(driver, path):
                return
            form = driver.find_element(By.CSS_SELECTOR, "form#invitation")
            form.find_element(By.CSS_SELECTOR, "input[name=name]").send_keys(name)
            form.find_element(By.CSS_SELECTOR, "input[name=email]").send_keys(email)
            form.find_element(By.CSS_SELECTOR, "input[name=password]").send_keys(STAFF_PASSWORD)
            form.find_element(By.CSS_SELECTOR, "input[name=passwordAgain]").send_keys(STAFF_PASSWORD)
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.staleness_of(form))
        except WebDriverException as error:
            self.errors.append(f"sign-in {email}: {reason(error)}")

    def submitted(self, driver, script, button, form_id="course-form"):
        """Fills the form `form_id` in by `script`, presses `button` and waits for the answer."""
        form = driver.find_element(By.CSS_SELECTOR, f"form#{form_id}")
        driver.execute_script(script)
        form.find_element(By.CSS_SELECTOR, f"button[name={button}]").click()
        WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.staleness_of(form))

    @staticmethod
    def provider_page(driver):
        """What step f reads on each provider page: language, direction, preview days, field errors."""
        return driver.execute_script("""
            return {lang: document.documentElement.lang, dir: document.documentElement.dir,
                    previewDates: document.querySelectorAll('#preview-dates li').length,
                    fieldErrors: document.querySelectorAll('.field-error').length};
        """)

    def provider(self, driver):
        """Step f: the provider's forms, in the browser's language and then in Arabic."""
        found = {}
        fill = """
            const set = (name, value) => { document.querySelector(`[name=${name}]`).value = value; };
            set('title', 'Abendkurs B1'); set('startDate', '2027-05-03'); set('endDate', '2027-05-28');
            document.querySelector('input[name=weekdays][value=MO]').checked = true;
            document.querySelector('input[name=weekdays][value=TH]').checked = true;
        """
        blank_title = "document.querySelector('[name=title]').value = '';"

        def sent(script, button):
            def act(driver):
                self.submitted(driver, script, button)
                return self.provider_page(driver)
            return act

        for suffix, query in (("De", ""), ("Ar", "?lang=ar")):
            found["courseNew" + suffix] = self.page(
                driver, "courseNew" + suffix, "/provider/courses/new" + query, self.provider_page, screenshots=False)
            found["coursePreview" + suffix] = self.step(driver, "coursePreview" + suffix, sent(fill, "preview"))
            found["courseErrors" + suffix] = self.step(driver, "courseErrors" + suffix, sent(blank_title, "save"))
            found["upload" + suffix] = self.page(driver, "upload" + suffix, "/provider/upload" + query, self.provider_page, screenshots=False)
            found["uploadErrors" + suffix] = self.step(driver, "uploadErrors" + suffix, self.bad_upload)
            self.open_page(driver, "/provider/upload" + query)
            found["uploadClean" + suffix] = self.step(driver, "uploadClean" + suffix, self.clean_upload)
            for page, path in (("locations", "/provider/locations"), ("locationNew", "/provider/locations/new")):
                found[page + suffix] = self.page(driver, page + suffix, path + query, self.provider_page, screenshots=False)
            self.open_page(driver, "/provider/locations" + query)
            place = driver.execute_script(
                "const a = document.querySelector('a[href^=\"/provider/locations/\"][href$=\"/edit\"]');"
                " return a ? a.getAttribute('href') : null")
            if place:
                found["locationEdit" + suffix] = self.page(
                    driver, "locationEdit" + suffix, place + query, self.provider_page, screenshots=False)
            else:
                self.errors.append("no place to edit on /provider/locations")
                self.axe["locationEdit" + suffix] = ["page-not-loaded"]
            self.open_page(driver, "/provider" + query)
            edit = driver.execute_script(
                "const a = document.querySelector('a[href^=\"/provider/courses/\"][href$=\"/edit\"]');"
                " return a ? a.getAttribute('href') : null")
            if edit:
                found["courseEdit" + suffix] = self.page(
                    driver, "courseEdit" + suffix, edit + query, self.provider_page, screenshots=False)
            else:
                self.errors.append("no course to edit on /provider")
                self.axe["courseEdit" + suffix] = ["page-not-loaded"]
        return found

    @staticmethod
    def slots_page(driver):
        """What step g reads on each page: language, direction, the preview's count, errors, the day's slots."""
        return driver.execute_script("""
            const count = document.querySelector('#preview-count strong');
            return {lang: document.documentElement.lang, dir: document.documentElement.dir,
                    previewCount: count ? Number(count.textContent) : 0,
                    fieldErrors: document.querySelectorAll('.field-error').length,
                    daySlots: document.querySelectorAll('#day-slots tbody tr').length};
        """)

    def slots(self, driver):
        """Step g: the centre's counselling hours, in the browser's language and then in Arabic."""
        found = {}
        fill = """
            const set = (name, value) => { document.querySelector(`[name=${name}]`).value = value; };
            set('counsellor', 'Frau Demir'); set('firstDate', '2027-04-29'); set('lastDate', '2027-05-27');
            document.querySelector('input[name=weekdays][value=TH]').checked = true;
        """
        blank = "document.querySelector('[name=counsellor]').value = '';"

        def sent(script, button):
            def act(driver):
                self.submitted(driver, script, button, "slot-series-form")
                return self.slots_page(driver)
            return act

        for suffix, query in (("De", ""), ("Ar", "?lang=ar")):
            found["slotSeries" + suffix] = self.page(
                driver, "slotSeries" + suffix, "/centre/slots/new" + query, self.slots_page, screenshots=False)
            found["slotPreview" + suffix] = self.step(driver, "slotPreview" + suffix, sent(fill, "preview"))
            found["slotErrors" + suffix] = self.step(driver, "slotErrors" + suffix, sent(blank, "save"))
            if not query:
                try:
                    self.submitted(driver, fill, "save", "slot-series-form")  # the series, for the day view
                except WebDriverException as error:
                    self.errors.append(f"saving the series: {reason(error)}")
            found["centreUpload" + suffix] = self.page(
                driver, "centreUpload" + suffix, "/centre/upload" + query, self.slots_page, screenshots=False)
            day = "/centre/slots?date=2027-04-29&counsellor=Frau%20Demir" + ("&lang=ar" if query else "")
            found["slotDay" + suffix] = self.page(driver, "slotDay" + suffix, day, self.slots_page, screenshots=False)
        return found

    def bad_upload(self, driver):
        """A courses file with one bad row (level B9), chosen in the file input and sent."""
        return self.upload(driver, "B9")

    def clean_upload(self, driver):
        """A clean courses file, sent but not confirmed."""
        return self.upload(driver, "B1")

    def upload(self, driver, level):
        """A courses file of one row at `level`, chosen in the file input and sent; answers the page read."""
        path = Path(tempfile.mkdtemp()) / "kurse.csv"
        path.write_text("id,provider,title,kind,level,locationId,capacity,womenOnly,childcare,startDate,endDate,"
                        "weekdays,startTime,endTime,schoolHolidays\n"
                        f"x-1,prov-vhs,Kurs,general,{level},loc-vhs-mitte,12,false,false,2027-05-03,2027-06-28,MO,09:00,12:15,false\n",
                        encoding="utf-8")
        form = driver.find_element(By.CSS_SELECTOR, "form#upload-form")
        form.find_element(By.CSS_SELECTOR, "input[name=kind][value=courses]").click()
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.staleness_of(form))
        found = self.provider_page(driver)
        found["uploadErrors"] = driver.execute_script("return document.querySelectorAll('#upload-errors li').length")
        found["uploadConfirm"] = driver.execute_script("return document.querySelector('#upload-confirm') !== null")
        return found

    def step(self, driver, page, act):
        """Runs `act` (a form sent) on the page already open, then axe on what it answered."""
        try:
            found = act(driver)
        except WebDriverException as error:
            self.errors.append(f"{page}: {reason(error)}")
            self.axe[page] = ["page-not-checked"]
            return None
        self.axe[page] = self.audit(driver, page)
        return found

    def participant(self, driver):
        """Step c, second half: the course matches, their reasons, and the offers the person cannot take."""
        found = driver.execute_script("""
            const matches = document.querySelector('#course-matches');
            return {matches: matches ? matches.querySelectorAll('li.match').length : 0,
                    text: matches ? matches.textContent : '',
                    hasNotEligible: document.querySelector('#not-eligible') !== null};
        """)
        return {"matches": found["matches"],
                "hasReason": normalised(self.args.expect_reason) in normalised(found["text"]),
                "hasNotEligible": found["hasNotEligible"]}

    def audit(self, driver, page):
        """Step d: axe on the loaded page; answers the ids of its serious and critical violations.

        A run that fails answers the id "axe-run-failed", so that it cannot pass for a clean page.
        Each violation's details go to stderr, for the person reading a failed test.
        """
        try:
            driver.execute_script(self.axe_source)
            result = driver.execute_async_script(AXE_RUN, AXE_TAGS)
        except WebDriverException as error:
            result = {"error": reason(error)}
        if "error" in result:
            self.errors.append(f"axe on {page}: {result['error']}")
            return ["axe-run-failed"]
        self.axe["version"] = result["version"]
        self.axe["unknownTags"] = result["unknownTags"]
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
        for v in blocking:
            print(f"axe {page}: {v['impact']} {v['id']}: {v['help']} at {v['targets']}", file=sys.stderr)
        return sorted({v["id"] for v in blocking})

    def take_screenshots(self, driver, page):
        """Step e: the loaded page, full height, at each width.

        The viewport is made as tall as the page rather than captured with `captureBeyondViewport`,
        which draws right-to-left pages shifted out of the picture.
        """
        for width in SCREENSHOT_WIDTHS:
            set_viewport(driver, width, VIEWPORT_HEIGHT)
            content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            set_viewport(driver, width, min(max(int(content["height"]), VIEWPORT_HEIGHT), MAX_SCREENSHOT_HEIGHT))
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
            path = self.args.screenshots / f"{page}-{width}.png"
            path.write_bytes(base64.b64decode(shot["data"]))
            self.screenshots.append(str(path))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def page(self, driver, page, path, inspect, screenshots=True):
        """Loads `path` and runs `inspect` on it, then axe and the screenshots; answers what `inspect` found.

        A page that did not load gets the axe id "page-not-loaded" rather than an audit of the
        browser's error page.
        """
        try:
            loaded = self.open_page(driver, path)
            found = inspect(driver)
        except WebDriverException as error:
            self.errors.append(f"{page}: {reason(error)}")
            self.axe[page] = ["page-not-checked"]
            return None
        self.axe[page] = self.audit(driver, page) if loaded else ["page-not-loaded"]
        if self.args.screenshots and screenshots:
            try:
                self.take_screenshots(driver, page)
            except WebDriverException as error:
                self.errors.append(f"screenshots of {page}: {reason(error)}")
        return found

    def run(self):
        """All steps, a German browser first and then an Arabic one; answers the report."""
        german = start_browser("de")
        slots = None
        try:
            catalogue = self.page(german, "catalogue", "/", self.catalogue)
            participant = None
            if not self.args.self_test:
                self.sign_in(german)
                participant = self.page(
                    german, "participant", f"/centre/participants/{self.args.participant_id}", self.participant)
                slots = self.slots(german)
        finally:
            german.quit()
        arabic = start_browser("ar")
        try:
            found = self.page(arabic, "catalogueAr", "/", self.catalogue)
        finally:
            arabic.quit()
        provider = None
        if self.args.provider_invitation:
            browser = start_browser("de")
            try:
                self.accept_invitation(browser, self.args.provider_invitation, "Pia Kursplanung", "pia@vhs.example")
                provider = self.provider(browser)
            finally:
                browser.quit()
        return {"catalogue": catalogue, "arabic": {"lang": found["lang"], "dir": found["dir"]} if found else None,
                "participant": participant, "provider": provider, "slots": slots, "axe": self.axe, "screenshots": self.screenshots,
                "errors": self.errors}


def main():
    args = parse_arguments()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        report = BrowserCheck(args, load_axe_source()).run()
    except HarnessUnavailable as error:
        print(f"browser_check: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
