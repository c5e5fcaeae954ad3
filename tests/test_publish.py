"""Publishing as staff do it: on GitHub Pages under a sub-path, as an offline copy, reproducibly.

Every site here is built by the `speechkb` command in a subprocess, the way
`make site`, `make offline` and the Pages workflow run it, so the
environment (the site URL, a faked clock) is that of the build alone.
"""

from __future__ import annotations

import filecmp
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, Request, expect

from speechkb.build import load_corpus
from speechkb.machinery.cache import CACHE_DIR, SPARE_DIR, STAGING_DIR, TRASH_DIR
from speechkb.machinery.offline import BUNDLE_NAME
from speechkb.machinery.source_date import newest_speech_date
from speechkb.stages.readers import read_source
from tests.conftest import ROOT, SEEDS, TEXT_RULES, QuietHandler, copy_project

SITE_URL = "https://safety-office.github.io/speechkb-site/"
SUB_PATH = urlsplit(SITE_URL).path
ANOTHER_DAY = "2031-05-01 12:00:00"  # for faketime: any day but today
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"

# Phrases that the search on main finds in every speech that says them, and
# in no other: the searches below check the bundle and the sub-path, not the
# ranking, which tests/test_search*.py own.
SEARCHES = ["非煤矿山", "疲劳驾驶"]


def speechkb(*args: str, env: dict[str, str] | None = None, on_day: str | None = None) -> None:
    """Run the `speechkb` command as `make` does, optionally with the clock set to another day."""
    command = [sys.executable, "-m", "speechkb", *args, "--seeds", str(SEEDS)]
    if on_day:
        command = ["faketime", on_day, *command]
    run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    assert run.returncode == 0, run.stderr


def expected_titles(term: str) -> set[str]:
    """The titles of the speeches whose text contains ``term``, whitespace ignored."""
    speeches, _, _ = load_corpus(SEEDS, TEXT_RULES)
    texts = {speech.title: "".join(line.text for line in read_source(speech.source).lines) for speech in speeches}
    return {title for title, text in texts.items() if term in re.sub(r"\s+", "", text)}


# --- the site as published on GitHub Pages ------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with the Pages site URL, as the workflow builds it."""
    root = tmp_path_factory.mktemp("published")
    config = copy_project(root)
    speechkb("build", "--config", str(config), "--site-dir", str(root / "site"), env={"SPEECHKB_SITE_URL": SITE_URL})
    return root / "site"


class SubPathHandler(QuietHandler):
    """The site under ``SUB_PATH`` only, and its 404.html for a missing page there, as GitHub Pages serves it."""

    site: Path

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(self.site / "no such file outside the sub-path")
        return super().translate_path(path.removeprefix(SUB_PATH.rstrip("/")))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.path.startswith(SUB_PATH):
            super().send_error(code, message, explain)
            return
        page = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


@contextmanager
def serve_under_sub_path(site: Path) -> Iterator[str]:
    handler = type("Handler", (SubPathHandler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


class LinkParser(HTMLParser):
    """Every URL a page makes the browser load or offers to follow, and the ids it can be linked to."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src"):
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


@dataclass
class Crawl:
    base: str
    pages: dict[str, set[str]] = field(default_factory=dict)  # page URL → its ids
    links: list[tuple[str, str]] = field(default_factory=list)  # (page, absolute URL) for every internal link
    status: dict[str, int] = field(default_factory=dict)
    escaping: list[tuple[str, str]] = field(default_factory=list)

    def broken(self) -> list[str]:
        """Links to a URL that is not there, or to an anchor that is not on its page."""
        problems = set()
        for page, url in self.links:
            target, fragment = urldefrag(url)
            if self.status[target] != 200:
                problems.add(f"{page}: {url} is {self.status[target]}")
            elif fragment and target in self.pages and unquote(fragment) not in self.pages[target]:
                problems.add(f"{page}: {url} has no such anchor")
        return sorted(problems)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def crawl(base: str, also: list[str]) -> Crawl:
    """Follow every internal link from ``base`` and the ``also`` URLs; fetch each URL once."""
    result = Crawl(base)
    queue = [base, *also]
    while queue:
        url = queue.pop()
        if url in result.status:
            continue
        status, kind, body = fetch(url)
        result.status[url] = status
        found: list[str] = []
        if kind == "text/html":
            parser = LinkParser()
            parser.feed(body.decode("utf-8"))
            result.pages[url] = parser.ids
            found = parser.urls
        elif kind == "text/css":
            found = re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode("utf-8"))
        elif url.endswith("sitemap.xml"):
            found = re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8"))
        for link in found:
            absolute = urljoin(url, link.replace(SITE_URL, base))  # the canonical URL is the published one
            if link.startswith("/") and not link.startswith("//") and not link.startswith(SUB_PATH):
                result.escaping.append((url, link))
            if absolute.startswith(base):
                result.links.append((url, absolute))
                queue.append(urldefrag(absolute).url)
    return result


def test_site_under_a_sub_path_has_no_broken_link_or_asset(published: Path) -> None:
    with serve_under_sub_path(published) as base:
        # A mistyped address deep in the site gets the 404 page, whose links must work from there.
        missing = f"{base}speeches/no/such/page/"
        site = crawl(base, also=[f"{base}sitemap.xml", f"{base}sitemap.xml.gz", missing])
    print(f"crawled {len(site.pages)} pages, checked {len(site.links)} links to {len(site.status)} URLs")
    on_disk = {path.relative_to(published).as_posix() for path in published.rglob("*.html")} - {"404.html"}
    assert {base + page.removesuffix("index.html") for page in on_disk} | {missing} <= set(site.pages)
    assert site.escaping == []
    assert site.broken() == []
    assert site.status[f"{base}sitemap.xml.gz"] == 200
    assert len(site.links) > 200 and any(url.endswith(".js") for _, url in site.links)


def read_and_search(page: Page, home: str) -> dict[str, set[str]]:
    """As staff do: from the home page to a speech through the navigation, then search from there.

    Returns the titles of the speeches in the results, for each of ``SEARCHES``.
    """
    page.goto(home)
    page.get_by_role("link", name="讲话", exact=True).first.click()
    speech = min(expected_titles(SEARCHES[0]))
    page.locator("article").get_by_role("link", name=speech).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(speech)
    titles = {speech.title for speech in load_corpus(SEEDS, TEXT_RULES)[0]}
    found: dict[str, set[str]] = {}
    for term in SEARCHES:
        page.reload()  # a fresh search box: no result of the previous search lingers
        page.get_by_placeholder("搜索").click()
        # An input method commits Chinese text with a key press: the search listens for it. Quoted, the
        # query finds the string itself, not the other names of its sector or term too.
        page.keyboard.insert_text(f"“{term}”")
        page.keyboard.press("End")
        results = page.locator(".md-search-result")
        for title in expected_titles(term):
            expect(results).to_contain_text(title, timeout=15_000)  # a guard against a hang, not a deadline
        found[term] = {title for title in titles if title in results.inner_text()}
    page.locator(".md-search-result").get_by_role("link").first.click()
    expect(page.locator("article")).to_contain_text(SEARCHES[-1])
    return found


def broken(request: Request) -> list[str]:
    """A request that failed, unless only because following a link left the page that made it."""
    return [] if request.failure == "net::ERR_ABORTED" else [f"{request.failure}: {request.url}"]


def test_search_under_the_sub_path_finds_the_speeches_and_stays_inside_it(browser: Browser, published: Path) -> None:
    with serve_under_sub_path(published) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        failures: list[str] = []
        page.on(
            "response", lambda response: response.status < 400 or failures.append(f"{response.status} {response.url}")
        )
        page.on("requestfailed", lambda request: failures.extend(broken(request)))
        page.on("pageerror", lambda error: failures.append(str(error)))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        assert read_and_search(page, base) == {term: expected_titles(term) for term in SEARCHES}
        page.close()
    print(f"under {SUB_PATH}: {len(requests)} requests while reading and searching")
    assert failures == []
    assert [url for url in requests if not url.startswith(base)] == []


# --- the offline bundle ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offline")
    config = copy_project(root)
    speechkb("build", "--config", str(config), "--offline", str(root / "dist" / "speechkb-offline.zip"))
    return root / "dist" / "speechkb-offline.zip"


@pytest.fixture(scope="module")
def unpacked(offline_bundle: Path) -> Path:
    folder = offline_bundle.parent / "unpacked"
    with zipfile.ZipFile(offline_bundle) as archive:
        archive.extractall(folder)
    return folder / BUNDLE_NAME


def test_offline_bundle_browses_and_searches_from_the_file_system_without_network(
    browser: Browser, unpacked: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    failures: list[str] = []
    page.on("requestfailed", lambda request: failures.extend(broken(request)))
    page.on("pageerror", lambda error: failures.append(str(error)))
    assert read_and_search(page, (unpacked / "index.html").as_uri()) == {
        term: expected_titles(term) for term in SEARCHES
    }
    assert page.url.startswith(unpacked.as_uri())
    page.close()
    print(f"from file://: {len(requests)} requests while reading and searching")
    assert failures == []
    assert len(requests) > 10 and [url for url in requests if not url.startswith("file:")] == []


def test_offline_bundle_copies_a_paragraphs_citation_from_the_file_system(browser: Browser, unpacked: Path) -> None:
    speech_page = unpacked / "speeches" / "zai-xian-2024-nian-fang-fan-zhong-te-da-an-quan-shi-gu-gong.html"
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(speech_page.as_uri())
    salutation = page.locator("article p.salutation")
    salutation.hover()
    salutation.locator("a.kb-cite-copy").click()
    expect(salutation.locator("a.kb-cite-copy")).to_have_text("已复制")
    anchor = salutation.get_attribute("id")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"《在县2024年防范重特大安全事故工作会议上的讲话》（2024年春）。链接：{speech_page.as_uri()}#{anchor}"
    )
    context.close()


def test_offline_bundle_shows_a_terms_definition_on_hover_from_the_file_system(
    browser: Browser, unpacked: Path
) -> None:
    # The definitions are one script for the whole site (terms/definitions.js), which a page opened from the
    # file system reads as a script: a fetch from file:// would be refused.
    speech_page = unpacked / "speeches" / "zai-xian-2024-nian-fang-fan-zhong-te-da-an-quan-shi-gu-gong.html"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(speech_page.as_uri())
    term = page.locator("article p a.kb-term", has_text="党政同责").first
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert "党政主要负责人同为第一责任人" in tooltip.inner_text()
    page.close()


def test_offline_bundle_is_one_folder_of_the_whole_site(offline_bundle: Path) -> None:
    with zipfile.ZipFile(offline_bundle) as archive:
        names = archive.namelist()
    print(f"offline bundle: {offline_bundle.stat().st_size / 1e6:.2f} MB, {len(names)} files")
    assert names == sorted(names) and all(name.startswith(f"{BUNDLE_NAME}/") for name in names)
    speeches, _, _ = load_corpus(SEEDS, TEXT_RULES)
    assert {f"{BUNDLE_NAME}/speeches/{speech.slug}.html" for speech in speeches} <= set(names)


# --- reproducible builds ---------------------------------------------------------------------


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing on one side or differs, with a diff of text files."""
    report: list[str] = []
    files = {path.relative_to(first) for path in first.rglob("*") if path.is_file()}
    others = {path.relative_to(second) for path in second.rglob("*") if path.is_file()}
    report += [f"only in one build: {path}" for path in sorted(files ^ others)]
    for path in sorted(files & others):
        if not filecmp.cmp(first / path, second / path, shallow=False):
            diff = subprocess.run(["diff", "-u", first / path, second / path], capture_output=True, text=True)
            report.append(f"{path} differs:\n{diff.stdout[:2000]}")
    return report


def test_a_build_on_another_day_into_another_folder_is_byte_identical(published: Path, tmp_path: Path) -> None:
    config = copy_project(tmp_path / "again")
    site = tmp_path / "again" / "elsewhere"
    speechkb(
        "build",
        "--config",
        str(config),
        "--site-dir",
        str(site),
        env={"SPEECHKB_SITE_URL": SITE_URL},
        on_day=ANOTHER_DAY,
    )
    assert differences(published, site) == []
    assert sum(1 for path in site.rglob("*") if path.is_file()) > 50


def test_the_site_is_dated_by_the_newest_speech_not_the_clock(published: Path) -> None:
    newest = newest_speech_date(load_corpus(SEEDS, TEXT_RULES)[0])
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (published / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmods == {newest.date().isoformat()}
    with gzip.open(published / "sitemap.xml.gz") as packed:
        packed.read()
        assert packed.mtime == newest.timestamp()


def test_the_offline_bundle_built_on_another_day_is_byte_identical(offline_bundle: Path, tmp_path: Path) -> None:
    config = copy_project(tmp_path / "again")
    again = tmp_path / "again" / "other.zip"
    speechkb("build", "--config", str(config), "--offline", str(again), on_day=ANOTHER_DAY)
    assert again.read_bytes() == offline_bundle.read_bytes()
    newest = newest_speech_date(load_corpus(SEEDS, TEXT_RULES)[0])
    with zipfile.ZipFile(again) as archive:
        assert {datetime(*entry.date_time, tzinfo=UTC) for entry in archive.infolist()} == {newest}


# --- the GitHub Pages workflow and `make publish` --------------------------------------------


def test_pages_workflow_is_valid_for_github_actions() -> None:
    check = subprocess.run(
        [Path(sys.executable).with_name("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", WORKFLOW],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    del broken["jobs"]["build"]["runs-on"]
    (tmp_path / "broken.yml").write_text(json.dumps(broken), encoding="utf-8")
    check = subprocess.run(
        [
            Path(sys.executable).with_name("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            tmp_path / "broken.yml",
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "runs-on" in check.stdout


def test_pages_workflow_builds_like_make_site_and_deploys_to_pages() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = {step.get("uses", step.get("run", "")).split("@")[0]: step for step in build["steps"]}
    assert steps["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert "SPEECHKB_SITE_URL" in steps["make site"]["env"]
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_pages_workflow_keeps_the_build_cache_only_for_the_same_code_and_configuration() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    [cache] = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"].strip()
    # Not the folders that hold no result: what is being deleted, emptied or written.
    left_out = [f"!{CACHE_DIR}/{folder}" for folder in (TRASH_DIR, SPARE_DIR, STAGING_DIR)]
    assert cache["with"]["path"].split() == [CACHE_DIR, *left_out]
    code = "hashFiles('speechkb/**', 'pyproject.toml', 'constraints.txt', 'mkdocs.yml')"
    assert code in key and key.startswith(restore) and restore.endswith(f"{code} }}}}-")
    names = [step.get("uses", step.get("run", "")) for step in steps]
    assert names.index(cache["uses"]) < names.index("make site")  # restored before the build uses it
    assert any("cache-matched-key" in step.get("run", "") for step in steps)  # the log says what was reused


def test_make_publish_pushes_the_same_site_to_the_gh_pages_branch(published: Path, tmp_path: Path) -> None:
    """`make publish` on another day deploys byte for byte the site that `make site` builds: real diffs only."""
    project = tmp_path / "project"
    copy_project(project)
    shutil.copytree(SEEDS, project / "seeds")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    remote = tmp_path / "remote.git"
    git = {"GIT_AUTHOR_NAME": "staff", "GIT_AUTHOR_EMAIL": "staff@example.org"}
    git |= {"GIT_COMMITTER_NAME": "staff", "GIT_COMMITTER_EMAIL": "staff@example.org"}
    env = {**os.environ, **git, "SPEECHKB_SITE_URL": SITE_URL}

    def run(*command: str | Path) -> None:
        done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout + done.stderr

    run("git", "init", "--quiet", "--bare", remote)
    run("git", "init", "--quiet", "--initial-branch", "main")
    run("git", "remote", "add", "origin", remote)
    run("git", "add", ".")
    run("git", "commit", "--quiet", "--message", "speeches")
    venv = Path(sys.executable).parent.parent
    # The test's own virtualenv, taken as installed: make must not reinstall it.
    run("faketime", ANOTHER_DAY, "make", f"VENV={venv}", "--old-file", venv / ".installed", "publish")
    deployed = tmp_path / "deployed"
    run("git", "clone", "--quiet", "--branch", "gh-pages", remote, deployed)
    shutil.rmtree(deployed / ".git")
    (deployed / ".nojekyll").unlink()  # tells GitHub Pages to serve the files as they are
    assert differences(published, deployed) == []
