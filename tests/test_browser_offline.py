"""The site on a phone that leaves the network: published under /peixun/ with ``coursekit publish``,
visited once online, every course downloaded from the offline page, then the server is stopped
(and the browser set offline) while the learner opens lessons, practice sets, exams, the
notebook, progress and search, answers questions and finds them in the notebook. A page never
downloaded shows our offline page. Then a new edition is published, the page offers it, and
taking it keeps every answer."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import copy_project
from coursekit.publish.pipeline import publish
from quizdriver import answer_somehow, stored_state, ui

pytestmark = pytest.mark.browser

BASE = "/peixun/"
CHANGED_LESSON = "courses/sanhui-yike/dangyuan-dahui.md"
NEW_SENTENCE = "这是第二版新增的一句话，用来检验更新。"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """The folder above the published target, on a fixed port that survives a restart (the
    origin, and with it the service worker and localStorage, must stay the same)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = 0
        self.start()

    def start(self):
        handler = functools.partial(_Quiet, directory=str(self.folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE}"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    target = project.parent / "srv" / "peixun"
    publish(project, target, base_path=BASE, say=lambda line: None)
    server = Server(target.parent)
    yield project, target, server
    server.stop()


def wait_until_controlled(page):
    # page.evaluate, not wait_for_function: that evaluates a string, which the pages' CSP forbids
    assert page.evaluate(
        """() => navigator.serviceWorker.controller ? true :
        new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true)))"""
    )


def plan_of(target: Path) -> dict:
    first = (target / "sw.js").read_text("utf-8").split("\n", 1)[0]
    return json.loads(first[len("self.CK_OFFLINE = ") : -1])


def article_title(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_plan_keeps_the_learner_pages_and_leaves_out_the_trainers(published):
    _, target, _ = published
    plan = plan_of(target)
    core = {entry[0] for entry in plan["core"]}
    assert {"", "en/", "notebook/", "progress/", "offline/", "en/offline/", "search/search_index.json", "manifest.json"} <= core
    assert "guide/trainers/" in core and "assets/coursekit/offline.js" in core
    assert not any(url.startswith(("trainers/", "en/trainers/")) or url.endswith((".map", "-print/")) for url in core)
    pack = {p["id"]: p for p in plan["packs"]}["sanhui-yike"]
    urls = {entry[0] for entry in pack["files"]["zh"]}
    assert {"courses/sanhui-yike/", "courses/sanhui-yike/dangyuan-dahui/", "practice/sanhui-yike/", "exams/sanhui-yike-ceshi/"} <= urls
    assert all(size > 0 and re.fullmatch(r"[0-9a-f]{12}", digest) for _, size, digest in pack["files"]["zh"])
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        png = (target / icon["src"]).read_bytes()
        assert png.startswith(b"\x89PNG") and f"{int.from_bytes(png[16:20], 'big')}x{int.from_bytes(png[20:24], 'big')}" == icon["sizes"]


def test_study_offline_then_take_a_new_edition(browser, published):
    project, target, server = published
    plan = plan_of(target)
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    base = server.url

    # One visit online; the core is kept, then every course is downloaded from the offline page.
    page.goto(base)
    wait_until_controlled(page)
    page.goto(base + "offline/")
    expect(page.locator(".ck-offline-state")).to_have_text(ui("offline_core_ready"), timeout=30000)
    all_button = page.locator('button[data-ck-pack="*"]')
    zh_total = sum(entry[1] for pack in plan["packs"] for entry in pack["files"]["zh"])
    expect(all_button).to_have_text(ui("offline_download_all", size=f"{zh_total / 1048576:.1f} MB"))
    expect(page.locator(".ck-pack-size")).to_have_count(len(plan["packs"]))
    all_button.click()
    expect(page.locator(".ck-offline-said")).to_have_text(ui("offline_done"), timeout=60000)
    expect(page.locator(".ck-pack-done")).to_have_count(len(plan["packs"]) + 1)
    assert page.locator(".ck-offline-progress").evaluate("bar => bar.value") == 1

    # No network at all: the server is stopped as well as the browser set offline.
    server.stop()
    context.set_offline(True)

    data = json.loads((target / "assets/coursekit/site-data.json").read_text("utf-8"))
    lessons = [lesson["href"] for course in data["courses"] for lesson in course["lessons"]]
    practice = [entry[0] for pack in plan["packs"] for lang in ("zh", "en") for entry in pack["files"][lang] if re.fullmatch(r"(en/)?practice/[^/]+/", entry[0])]
    exams = [entry[0] for pack in plan["packs"] for lang in ("zh", "en") for entry in pack["files"][lang] if re.fullmatch(r"(en/)?exams/[^/]+/", entry[0])]
    assert len(lessons) >= 10 and len(practice) >= 10 and len(exams) >= 10
    for url in lessons[::max(1, len(lessons) // 12)][:12] + practice[:10] + exams[:10]:
        response = page.goto(base + url)
        assert response is not None and response.ok, url
        assert page.url == base + url, f"{url} 离线时被转到了 {page.url}"
        assert article_title(page), url
    # A practice page's second set comes from the kept bank file.
    page.goto(base + practice[0] + "?set=2")
    expect(page.locator("li.ck-question").first).to_be_visible()
    expect(page.locator(".ck-sets .ck-btn[aria-current]")).to_have_text(ui("practice_set_short", number=2))
    # An exam starts and shows its first question.
    page.goto(base + exams[0])
    page.get_by_role("button", name=ui("exam_start")).click()
    expect(page.locator("li.ck-question").first).to_be_visible()

    # Answers given offline reach the notebook.
    page.goto(base + practice[0])
    items = page.locator("li.ck-question")
    for k in range(6):
        answer_somehow(items.nth(k))
        expect(items.nth(k).locator(".ck-verdict")).to_be_visible()
    state = stored_state(page)
    wrong = sorted(qid for qid, record in state["questions"].items() if record["wrong"] > 0)
    assert len(state["questions"]) == 6 and wrong, state
    for url in ("notebook/", "progress/", "citations/", "", "en/", "en/notebook/", "guide/learners/"):
        response = page.goto(base + url)
        assert response is not None and response.ok and page.url == base + url, url
    page.goto(base + "notebook/")
    expect(page.locator(".ck-mistakes > li")).to_have_count(len(wrong))
    assert sorted(page.locator(".ck-mistakes > li").evaluate_all("items => items.map(i => i.dataset.ckQid)")) == wrong

    # Search, offline.
    page.goto(base)
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.fill("表决")
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)

    # A page that was never downloaded: our page, in our words, not the browser's error.
    page.goto(base + "trainers/plans/")
    assert page.url.startswith(base + "offline/?from="), page.url
    expect(page.locator(".ck-missing")).to_have_text(ui("offline_missing", page="/trainers/plans/"))

    # A new edition is published; back on the network, the page offers it.
    lesson = project / CHANGED_LESSON
    lesson.write_text(lesson.read_text("utf-8").rstrip("\n") + f"\n\n{NEW_SENTENCE}\n", "utf-8")
    publish(project, target, base_path=BASE, say=lambda line: None)
    assert plan_of(target)["version"] != plan["version"]
    server.start()
    context.set_offline(False)
    before = stored_state(page)
    page.goto(base + "courses/sanhui-yike/dangyuan-dahui/")
    assert NEW_SENTENCE not in page.content()  # the kept edition until the learner takes the new one
    update = page.get_by_role("button", name=ui("update_now"))
    expect(update).to_be_visible(timeout=60000)
    expect(page.locator(".ck-update")).to_contain_text(ui("update_keeps"))
    with page.expect_navigation():
        update.click()
    expect(page.locator("article")).to_contain_text(NEW_SENTENCE)
    assert stored_state(page) == before
    # The new edition is kept whole: the changed lesson and the downloaded courses work offline.
    server.stop()
    context.set_offline(True)
    for url in ("courses/sanhui-yike/dangyuan-dahui/", lessons[-1], "notebook/"):
        response = page.goto(base + url)
        assert response is not None and response.ok and page.url == base + url, url
    expect(page.locator(".ck-mistakes > li")).to_have_count(len(wrong))
    page.goto(base + "courses/sanhui-yike/dangyuan-dahui/")
    expect(page.locator("article")).to_contain_text(NEW_SENTENCE)
    server.start()
    assert errors == []
    context.close()


def test_no_service_worker_under_scripts_serve(browser, tmp_path):
    """Under `mkdocs serve` every edit is a new edition; a kept copy would hide it from the author."""
    from coursekit.bench.preview import Preview, wait_for

    project = copy_project(tmp_path / "p")
    with Preview(project) as preview:  # the command and environment scripts/serve uses
        assert wait_for(preview.url(""), "</html>", 120) is not None, "the site was not served"
        context = browser.new_context()
        page = context.new_page()
        page.goto(preview.url(""))
        page.wait_for_load_state("load")
        page.wait_for_timeout(1000)
        assert page.evaluate("typeof window.livereload") == "function"
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
        context.close()
