#!/usr/bin/env python3
"""freq site in a real browser: Debian's chromium driven through chromium-driver.

Builds a registry with history in a throwaway git repository (no checked-in fixture),
runs `freq site` on it, and checks in headless Chromium that

  - every page loads with no console error and no dialog (a hostile request stays inert);
  - the board's search and filters narrow the cards, and a filtered address works;
  - every local link of every page resolves to a file of the site;
  - every chart of the dashboard renders (non-empty SVG with its data table);

then takes screenshots of the board, a request, a customer and the dashboard at 1280 px
and at a phone's width (390 px). Only the Python standard library: WebDriver is plain
HTTP and JSON.

  scripts/browser-check.py --freq .build/debug/freq [--screenshots DIR]
  scripts/browser-check.py --site DIR           # time the board of an existing site
"""

import argparse
import base64
import html.parser
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
AREAS = ["billing", "export", "search", "reports"]
SEGMENTS = ["enterprise", "mid-market", "smb"]
CUSTOMERS = ["Acme Corp", "Globex", "Initech", "Umbrella", "Émile Söhne GmbH", "Hooli", "Stark Industries"]
DAY = 86400
START = 1767225600  # 2026-01-01


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# --- a registry with history -------------------------------------------------------------

CONFIG = """requests: "requests/*.md"
front_matter: request.schema.json
id:
  field: id
  pattern: "^FR-[0-9]{4}$"
status:
  initial: new
  categories:
    open: [new, triaged]
    actioned: [planned, shipped]
    declined: [declined]
    excluded: [duplicate]
duplicate_of: duplicate_of
site:
  title: Browser check
"""

SCHEMA = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n'


def request_text(number, status, extra=""):
    area = AREAS[number % len(AREAS)]
    title = HOSTILE if number == 7 else f"Request number {number} about {area}"
    customers = ""
    for k in range(number % 3 + 1):
        name = CUSTOMERS[(number + k) % len(CUSTOMERS)]
        segment = SEGMENTS[(number + k) % len(SEGMENTS)]
        customers += (f"  - customer: {json.dumps(name, ensure_ascii=False)}\n    segment: {segment}\n"
                      f"    arr: {1000 * (number % 9 + 1)}\n    ticket: https://help.example.com/t/{number}-{k}\n")
    body = f"Details of request {number}.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    if number == 7:
        body += '\n<script>alert(3)</script>\n<img src="x" onerror="alert(4)">\n[click](javascript:alert(5))\n'
    if number > 1:
        body += f"\nRelated: [the first request](FR-0001-request-1.md).\n"
    return (f"---\nid: FR-{number:04d}\ntitle: {json.dumps(title)}\nstatus: {status}\narea: {area}\n"
            f"{extra}requested_by:\n{customers}---\n\n{body}")


def git(repo, *arguments, when):
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": repo, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Ada Support", "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Pat Product", "GIT_COMMITTER_EMAIL": "pat@example.com",
        "GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000",
    }
    subprocess.run(["git", *arguments], cwd=repo, env=environment, check=True, stdout=subprocess.DEVNULL)


def make_registry(repo, count):
    """`count` requests received over six months; most are triaged, many planned, some
    shipped or declined, one a duplicate. Returns each request's final status."""
    os.makedirs(os.path.join(repo, "schema"))
    os.makedirs(os.path.join(repo, "requests"))
    with open(os.path.join(repo, "schema/registry.yml"), "w") as f:
        f.write(CONFIG)
    with open(os.path.join(repo, "schema/request.schema.json"), "w") as f:
        f.write(SCHEMA)
    git(repo, "init", "-q", "-b", "main", when=START)
    git(repo, "add", "-A", when=START)
    git(repo, "commit", "-q", "-m", "Configure the registry", when=START)
    statuses = {}
    for number in range(1, count + 1):
        statuses[number] = "new"
        when = START + number * (180 * DAY // count)
        path = os.path.join(repo, f"requests/FR-{number:04d}-request-{number}.md")
        with open(path, "w") as f:
            f.write(request_text(number, "new"))
        git(repo, "add", "-A", when=when)
        git(repo, "commit", "-q", "-m", f"Add FR-{number:04d}", when=when)
        # Every fifth request, decide on the ones received a while ago.
        if number % 5 == 0 and number > 5:
            for earlier in range(max(1, number - 9), number - 4):
                final = ["triaged", "planned", "shipped", "declined", "planned"][earlier % 5]
                if earlier == 4:
                    final = "duplicate"
                extra = "duplicate_of: FR-0001\n" if final == "duplicate" else ""
                extra += "reason: Not this year\n" if final == "declined" else ""
                with open(os.path.join(repo, f"requests/FR-{earlier:04d}-request-{earlier}.md"), "w") as f:
                    f.write(request_text(earlier, final, extra))
                statuses[earlier] = final
            git(repo, "add", "-A", when=when + 3600)
            git(repo, "commit", "-q", "-m", f"Triage up to FR-{number - 5:04d}", when=when + 3600)
    return statuses


# --- WebDriver over HTTP -------------------------------------------------------------------

class Browser:
    def __init__(self, driver, chromium):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen([driver, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        options = {"binary": chromium, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                 "--hide-scrollbars", "--window-size=1280,900", "--allow-file-access-from-files"]}
        capabilities = {"browserName": "chrome", "goog:chromeOptions": options, "goog:loggingPrefs": {"browser": "ALL"}}
        answer = self.call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = answer["sessionId"] if "sessionId" in answer else answer["value"]["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            answer = json.loads(error.read() or b"{}")
            raise Failure(f"WebDriver {method} {path}: {answer.get('value', {}).get('error')}: "
                          f"{answer.get('value', {}).get('message', '')[:300]}")

    def command(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)["value"]

    def open(self, url):
        self.command("POST", "/url", {"url": url})

    def run(self, script, *arguments):
        return self.command("POST", "/execute/sync", {"script": script, "args": list(arguments)})

    def find(self, selector):
        element = self.command("POST", "/element", {"using": "css selector", "value": selector})
        return next(iter(element.values()))

    def type(self, selector, text):
        self.command("POST", f"/element/{self.find(selector)}/value", {"text": text})

    def click(self, selector):
        self.command("POST", f"/element/{self.find(selector)}/click", {})

    def console_errors(self):
        entries = self.call("POST", f"/session/{self.session}/se/log", {"type": "browser"})["value"]
        return [entry["message"] for entry in entries if entry.get("level") == "SEVERE"]

    def no_dialog(self):
        try:
            text = self.command("GET", "/alert/text")
        except Failure as failure:
            return "no such alert" in str(failure)
        raise Failure(f"a dialog opened: {text}")

    def size(self, width, height):
        self.command("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.command("GET", "/screenshot")))

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.process.terminate()
            self.process.wait()


# --- the checks ----------------------------------------------------------------------------

VISIBLE_CARDS = "return Array.prototype.filter.call(document.querySelectorAll('.card'), c => c.offsetParent !== null).length;"


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attributes):
        for name, value in attributes:
            if name in ("href", "src") and value:
                self.targets.append(value)


def check_links_on_disk(site):
    """Every local href and src of every page names a file of the site."""
    checked = 0
    for folder, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".html"):
                continue
            page = os.path.join(folder, name)
            parser = Links()
            with open(page, encoding="utf-8") as f:
                parser.feed(f.read())
            for target in parser.targets:
                scheme = urllib.parse.urlsplit(target).scheme
                if scheme in ("http", "https", "mailto") or target.startswith("#"):
                    check(not target.startswith("http") or parser.rawdata.find(f'src="{target}"') < 0,
                          f"{page} loads {target} from another host")
                    continue
                check(scheme == "", f"{page}: unexpected link {target}")
                path = urllib.parse.unquote(target.split("#")[0].split("?")[0])
                check(os.path.isfile(os.path.normpath(os.path.join(folder, path))), f"{page}: {target} does not resolve")
                checked += 1
    return checked


def check_site(browser, site, statuses, screenshots):
    base = "file://" + site + "/"
    count = len(statuses)
    pages = ["index.html", "dashboard.html", "changelog.html", "customers/index.html", "requests/FR-0001.html",
             "requests/FR-0007.html", "customers/acme.html", "board/area-billing.html"]
    for page in pages:
        browser.open(base + page)
        check(browser.no_dialog(), f"{page}: a dialog opened")
        errors = browser.console_errors()
        check(not errors, f"{page}: console errors: {errors}")
        # Links as the browser resolves them.
        hrefs = browser.run("return Array.prototype.map.call(document.querySelectorAll('a[href]'), a => a.href);")
        for href in hrefs:
            if href.startswith("file://"):
                path = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
                check(os.path.isfile(path), f"{page}: link {href} does not resolve")
    print(f"  {len(pages)} pages loaded with no console error and no dialog")

    # The hostile title is text.
    browser.open(base + "requests/FR-0007.html")
    heading = browser.run("return document.querySelector('h1').textContent;")
    check(HOSTILE in heading, f"the hostile title is not shown as text: {heading!r}")
    check(browser.run("return document.querySelectorAll('main img, main script, main iframe').length;") == 0,
          "the hostile request's page holds an image, a script or a frame")

    # The board: everything listed, then search and filters narrow it.
    browser.open(base + "index.html")
    check(browser.run(VISIBLE_CARDS) == count, "the board does not show every request")
    check(browser.run("return !document.getElementById('filters').hidden;"), "the filter form stays hidden")
    browser.type("input[name=q]", "about billing")
    billing = sum(1 for n in statuses if AREAS[n % len(AREAS)] == "billing" and n != 7)
    shown = browser.run(VISIBLE_CARDS)
    check(shown == billing, f"search `about billing`: {shown} cards shown, {billing} expected")
    address = browser.run("return window.location.search;")
    check("q=about+billing" in address, f"the address does not keep the search: {address!r}")
    browser.run("document.querySelector('input[name=q]').value = ''; document.getElementById('filters').dispatchEvent(new Event('input'));")
    browser.run("var s = document.querySelector('select[name=status]'); s.value = 'planned'; s.dispatchEvent(new Event('change', {bubbles: true}));")
    planned = sum(1 for s in statuses.values() if s == "planned")
    shown = browser.run(VISIBLE_CARDS)
    check(shown == planned, f"status filter `planned`: {shown} cards shown, {planned} expected")
    sections = browser.run("return Array.prototype.filter.call(document.querySelectorAll('.board > .column'), s => !s.hidden).length;")
    check(sections == 1, f"status filter: {sections} sections still shown")
    browser.open(base + "index.html?area=search&customer=globex")
    expected = sum(1 for n in statuses if AREAS[n % len(AREAS)] == "search"
                   and any(CUSTOMERS[(n + k) % len(CUSTOMERS)] == "Globex" for k in range(n % 3 + 1)))
    shown = browser.run(VISIBLE_CARDS)
    check(shown == expected, f"address filter area=search&customer=globex: {shown} cards shown, {expected} expected")
    print(f"  board: {count} cards; search, status filter and a filtered address narrow them as expected")

    # The charts.
    browser.open(base + "dashboard.html")
    charts = browser.run("""
        return Array.prototype.map.call(document.querySelectorAll('figure.chart'), f => {
          const svg = f.querySelector('svg'); const box = svg.getBoundingClientRect();
          return {id: f.id, width: box.width, height: box.height,
                  marks: svg.querySelectorAll('rect:not(.key):not(.track):not(.hatch-bg), polyline, circle').length,
                  rows: f.querySelectorAll('table tbody tr').length,
                  label: svg.getAttribute('aria-labelledby') && document.getElementById(svg.getAttribute('aria-labelledby').split(' ')[0]).textContent};
        });""")
    check(len(charts) >= 6, f"{len(charts)} charts on the dashboard")
    for chart in charts:
        check(chart["width"] > 100 and chart["height"] > 50, f"chart {chart['id']} is not drawn: {chart}")
        check(chart["marks"] > 0, f"chart {chart['id']} has no bars or lines")
        check(chart["rows"] > 0, f"chart {chart['id']} has no data table")
        check(chart["label"], f"chart {chart['id']} has no title")
    print(f"  dashboard: {len(charts)} charts drawn, each with a title and a data table")

    if screenshots:
        os.makedirs(screenshots, exist_ok=True)
        for width, height, label in [(1280, 900, "1280"), (390, 844, "phone")]:
            browser.size(width, height)
            for name, page in [("board", "index.html"), ("request", "requests/FR-0001.html"),
                               ("customer", "customers/acme.html"), ("dashboard", "dashboard.html")]:
                browser.open(base + page)
                browser.screenshot(os.path.join(screenshots, f"{name}-{label}.png"))
        print(f"  screenshots in {screenshots}")


def time_board(browser, site, rounds=5):
    """Load time of the board of an existing site (navigation timing), median of rounds."""
    times = []
    for _ in range(rounds):
        browser.open("file://" + os.path.abspath(site) + "/index.html")
        times.append(browser.run("const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;"))
    cards = browser.run(VISIBLE_CARDS)
    started = time.time()
    browser.type("input[name=q]", "billing")
    filtered = browser.run(VISIBLE_CARDS)
    typed = time.time() - started
    size = os.path.getsize(os.path.join(site, "index.html"))
    times.sort()
    print(f"board: {size / 1024:.0f} KiB, {cards} cards; load {times[len(times) // 2]:.0f} ms median of {rounds} "
          f"(min {times[0]:.0f}, max {times[-1]:.0f}); typing a search and counting {filtered} cards: {typed * 1000:.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--freq", help="the freq binary to build the site with")
    parser.add_argument("--site", help="only time the board of this existing site")
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--driver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    options = parser.parse_args()
    for tool in (options.chromium, options.driver):
        if not os.path.exists(tool):
            sys.exit(f"browser-check: {tool} is missing: install Debian's chromium and chromium-driver (make test-deps)")
    browser = Browser(options.driver, options.chromium)
    try:
        if options.site:
            time_board(browser, options.site)
            return
        if not options.freq:
            sys.exit("browser-check: --freq or --site is required")
        freq = os.path.abspath(options.freq)
        with tempfile.TemporaryDirectory(prefix="freq-browser-") as repo:
            statuses = make_registry(repo, options.requests)
            subprocess.run([freq, "site", "site"], cwd=repo, check=True, stdout=subprocess.DEVNULL)
            site = os.path.join(repo, "site")
            checked = check_links_on_disk(site)
            print(f"browser check: {len(statuses)} requests; {checked} local links in the files resolve")
            check_site(browser, site, statuses, options.screenshots)
    except Failure as failure:
        print(f"browser check FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    finally:
        browser.close()
    print("browser check passed")


if __name__ == "__main__":
    main()
