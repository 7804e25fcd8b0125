"""The learner's own record in a real Chromium: the mistake notebook (Leitner boxes), lessons read,
progress, export and import, and pages that keep working when localStorage is damaged or missing."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizdriver import STORE_KEY, answer_practice, assert_clean, question, stored_state, ui, wrong_answer
from quizsite import ANSWERS, COURSE, LONG_LESSON, PAPER, PRACTICE_BANK, QUESTIONS

pytestmark = pytest.mark.browser

PRACTICE_PAGE = f"practice/{PRACTICE_BANK}/"
DAY = datetime.timedelta(days=1)
MONDAY = datetime.datetime(2026, 3, 2, 10, 0, 0)


def zh_date(day: datetime.datetime) -> str:
    return ui("date", y=day.year, m=day.month, d=day.day)


def answer(page, qid: str, right: bool) -> None:
    q = QUESTIONS[qid]
    value = ANSWERS[qid] if right else wrong_answer(q, ANSWERS[qid])
    answer_practice(question(page, qid), q, value, right)
    expect(question(page, qid).locator(".ck-verdict")).to_have_text(ui("correct" if right else "wrong"))


def course_line(page):
    return page.locator(f'.ck-course[data-ck-course="{COURSE}"] .ck-course-line')


def test_mistakes_are_kept_and_come_back_when_due(page, quiz_site):
    _, base = quiz_site
    page.clock.install(time=MONDAY)
    page.goto(base + PRACTICE_PAGE)
    answer(page, "gt-single", right=False)
    answer(page, "gt-judge", right=True)
    page.reload()

    page.requests_seen.clear()
    page.goto(base + "notebook/")
    due = page.locator(".ck-due")
    expect(due.locator("h2")).to_have_text(ui("nb_due", count=0))
    # The notebook fetches the course list and the one bank that holds the mistake, not every bank.
    data_files = sorted(url.rsplit("/", 1)[1] for url in page.requests_seen if "/assets/coursekit/" in url and url.endswith(".json"))
    assert data_files == [f"bank-{PRACTICE_BANK}.json", "site-data.json"], data_files
    expect(due).to_contain_text(ui("nb_next_due", date=zh_date(MONDAY + DAY), count=1))
    mistakes = page.locator(".ck-mistakes > li")
    expect(mistakes).to_have_count(1)  # the right answer is not a mistake
    expect(mistakes.first).to_have_attribute("data-ck-qid", "gt-single")
    expect(mistakes.first).to_contain_text(ui("nb_wrong_times", count=1))
    expect(mistakes.first).to_contain_text(ui("nb_box", box=1))
    page.reload()
    expect(page.locator(".ck-mistakes > li")).to_have_count(1)

    page.goto(base + "progress/")
    expect(course_line(page)).to_have_text(ui("course_line", read=0, lessons=2, mastered=1, questions=len(QUESTIONS)))

    # Answering it right again the same day does not count as a review.
    page.goto(base + PRACTICE_PAGE)
    answer(page, "gt-single", right=True)
    assert stored_state(page)["questions"]["gt-single"]["box"] == 1

    # The next day it is due: retry it in the notebook.
    page.clock.set_system_time(MONDAY + DAY + datetime.timedelta(hours=1))
    page.goto(base + "notebook/")
    expect(page.locator(".ck-due h2")).to_have_text(ui("nb_due", count=1))
    item = question(page, "gt-single")
    expect(item.get_by_role("button", name=ui("check"))).to_be_visible()
    answer(page, "gt-single", right=True)
    expect(item.get_by_role("button", name=ui("retry"))).to_have_count(0)
    record = stored_state(page)["questions"]["gt-single"]
    assert (record["box"], record["wrong"]) == (2, 1)
    listed = page.locator('.ck-mistakes > li[data-ck-qid="gt-single"]')
    expect(listed).to_contain_text(ui("nb_box", box=2))
    expect(listed).to_contain_text(ui("nb_due_on", date=zh_date(MONDAY + 3 * DAY)))
    assert_clean(page, base)


def test_lesson_is_read_once_its_end_is_on_screen(page, quiz_site):
    _, base = quiz_site
    page.goto(base + f"courses/{LONG_LESSON}/")
    page.wait_for_timeout(500)  # give the observer its chance to (wrongly) fire
    expect(page.locator(".ck-read-mark")).to_have_count(0)
    assert LONG_LESSON not in (stored_state(page) or {"lessons": {}})["lessons"]
    page.locator(".ck-pager").scroll_into_view_if_needed()
    expect(page.locator(".ck-meta .ck-read-mark")).to_have_text(ui("dot") + ui("lesson_read"))
    assert LONG_LESSON in stored_state(page)["lessons"]

    page.goto(base + f"courses/{COURSE}/")
    expect(page.locator(".ck-course-progress")).to_have_text(ui("course_progress", read=1, lessons=2, mastered=0, questions=len(QUESTIONS)))
    page.goto(base + "progress/")
    lesson = page.locator(f'.ck-lessons li[data-ck-lesson="{LONG_LESSON}"]')
    expect(lesson).to_have_class("ck-read")
    expect(lesson).to_contain_text(ui("pg_read"))
    assert_clean(page, base)


def sit_exam_until_time_runs_out(page, base) -> None:
    page.clock.install(time=MONDAY)
    page.goto(base + f"exams/{PAPER}/")
    page.get_by_role("button", name=ui("exam_start")).click()
    page.clock.run_for(61_000)
    expect(page.locator(".ck-exam-result")).to_have_count(1)


def test_export_then_import_into_a_fresh_browser(browser, page, quiz_site, tmp_path):
    _, base = quiz_site
    sit_exam_until_time_runs_out(page, base)
    page.goto(base + PRACTICE_PAGE)
    answer(page, "gt-single", right=False)
    answer(page, "gt-judge", right=True)
    page.goto(base + "progress/")
    expect(page.locator(".ck-exams li")).to_have_count(1)
    expect(page.locator(".ck-exams li")).to_contain_text("限时小测")
    with page.expect_download() as download:
        page.get_by_role("button", name=ui("pg_export")).click()
    assert download.value.suggested_filename.startswith(ui("export_file", date="")[:-5])
    exported = tmp_path / "record.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert data["version"] == 1 and set(data["questions"]) == {"gt-single", "gt-judge"} and len(data["exams"]) == 1
    assert_clean(page, base)

    context = browser.new_context()
    other = context.new_page()
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    other.goto(base + PRACTICE_PAGE)
    answer(other, "gt-multiple", right=True)  # this browser's own record is kept in the merge
    other.goto(base + "progress/")
    upload = other.get_by_label(ui("pg_import"))
    upload.set_input_files(str(exported))
    status = other.locator(".ck-import-status")
    expect(status).to_have_text(ui("import_done", questions=2, lessons=0, exams=1))
    expect(course_line(other)).to_have_text(ui("course_line", read=0, lessons=2, mastered=2, questions=len(QUESTIONS)))
    expect(other.locator(".ck-exams li")).to_have_count(1)
    # Importing the same file again adds nothing.
    upload.set_input_files(str(exported))
    expect(status).to_have_text(ui("import_done", questions=0, lessons=0, exams=0))
    before = stored_state(other)
    assert set(before["questions"]) == {"gt-single", "gt-judge", "gt-multiple"}
    # A backup with one bad record is repaired like stored data: the bad record is dropped and
    # counted, the good one merged, what was saved here untouched.
    good = {"box": 3, "due": 1, "right": 2, "wrong": 0, "last": 1}
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({"version": 1, "questions": {"gt-single": {"box": 9}, "gt-extra": good}, "lessons": {}, "exams": []}), "utf-8")
    upload.set_input_files(str(damaged))
    expect(status).to_have_text(ui("import_done_repaired", questions=1, lessons=0, exams=0, dropped=1))
    repaired = stored_state(other)
    assert repaired["questions"].pop("gt-extra") == good
    assert repaired == before
    # A file that is no learning record at all is refused and changes nothing.
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"theme": "dark"}), "utf-8")
    upload.set_input_files(str(bad))
    expect(status).to_have_text(ui("import_bad"))
    assert stored_state(other)["questions"].keys() == before["questions"].keys() | {"gt-extra"}
    other.goto(base + "notebook/")
    expect(other.locator('.ck-mistakes > li[data-ck-qid="gt-single"]')).to_have_count(1)
    assert errors == []
    context.close()


GARBAGE = {
    "invalid-json": "{not json",
    "array": "[1, 2, 3]",
    "huge-string": json.dumps("x" * 2_000_000),
    "foreign": json.dumps({"theme": "dark", "fontSize": 18}),
}
# Readable in part: the good records stay, the bad one is dropped and counted.
DAMAGED = json.dumps({"version": 1, "questions": {"gt-single": {"box": "一"}, "gt-judge": {"box": 2, "due": 1, "right": 2, "wrong": 0, "last": 1}}, "lessons": {}, "exams": []})


@pytest.mark.parametrize("name", GARBAGE)
def test_unreadable_storage_is_set_aside_and_pages_work(page, quiz_site, name):
    _, base = quiz_site
    page.goto(base)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE_KEY, GARBAGE[name]])
    page.goto(base + "notebook/")
    notice = page.locator(".ck-notice")
    expect(notice).to_have_text(ui("storage_set_aside"))
    expect(notice).to_have_attribute("role", "status")
    expect(page.locator(".ck-notebook")).to_have_text(ui("nb_empty"))
    aside = json.loads(page.evaluate("localStorage.getItem('coursekit:v1:aside')"))
    assert [entry["text"] for entry in aside] == [GARBAGE[name]]  # kept as it was, for the export

    page.goto(base + PRACTICE_PAGE)
    answer(page, "gt-single", right=True)
    state = stored_state(page)
    assert state["version"] == 1 and state["questions"]["gt-single"]["right"] == 1
    page.reload()  # repaired: no notice any more
    expect(page.locator("li.ck-question fieldset").first).to_be_visible()
    expect(page.locator(".ck-notice")).to_have_count(0)
    assert_clean(page, base)


def test_damaged_records_are_dropped_one_by_one(page, quiz_site):
    _, base = quiz_site
    page.goto(base)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE_KEY, DAMAGED])
    page.goto(base + "progress/")
    expect(page.locator(".ck-notice")).to_have_text(ui("storage_repaired", count=1))
    state = stored_state(page)
    assert list(state["questions"]) == ["gt-judge"] and state["questions"]["gt-judge"]["right"] == 2
    with page.expect_download() as download:
        page.get_by_role("button", name=ui("pg_export")).click()
    exported = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert exported["questions"] == state["questions"] and exported["set_aside"] == [DAMAGED]
    assert_clean(page, base)


def test_a_newer_versions_record_is_read_and_never_overwritten(page, quiz_site):
    _, base = quiz_site
    newer = json.dumps({"version": 2, "questions": {"gt-judge": {"box": 3, "due": 1, "right": 3, "wrong": 1, "last": 1, "streak": 2}}, "lessons": {}, "exams": [], "devices": ["a"]})
    page.goto(base)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE_KEY, newer])
    page.goto(base + PRACTICE_PAGE)
    expect(page.locator(".ck-notice")).to_have_text(ui("storage_newer"))
    answer(page, "gt-single", right=False)
    assert page.evaluate(f"localStorage.getItem({json.dumps(STORE_KEY)})") == newer
    page.goto(base + "notebook/")
    expect(page.locator(".ck-mistakes > li")).to_have_count(1)  # the newer record's mistake, read
    expect(page.locator(".ck-mistakes > li").first).to_have_attribute("data-ck-qid", "gt-judge")


def test_without_storage_pages_work_and_say_so(browser, quiz_site):
    _, base = quiz_site
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(base + PRACTICE_PAGE)
    answer(page, "gt-single", right=False)
    expect(page.locator(".ck-notice")).to_have_text(ui("storage_unavailable"))
    page.goto(base + "progress/")
    expect(page.locator(".ck-notice")).to_have_text(ui("storage_unavailable"))
    expect(course_line(page)).to_be_visible()
    assert errors == []
    context.close()


def test_full_storage_says_so_and_the_answer_still_shows(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    # Another script of the site has filled the quota to the last byte.
    page.evaluate(
        """() => {
            let chunk = "x".repeat(1 << 20), n = 0;
            while (chunk.length) {
                try { localStorage.setItem("filler-" + n++, chunk); } catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
            }
        }"""
    )
    answer(page, "gt-single", right=True)
    expect(page.locator(".ck-notice")).to_have_text(ui("storage_failed"))
    assert stored_state(page) is None
    assert_clean(page, base)
