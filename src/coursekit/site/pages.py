"""Generated pages, as Markdown text keyed by their path inside the docs tree."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from coursekit.check import INLINE_CITATION
from coursekit.currency import date_text, is_stale, lesson_notices, notice_text, regulation_anchor
from coursekit.draw import draw_paper
from coursekit.messages import t
from coursekit.model import CASE_TYPE, NUMBER_INFERRED, STATUS_SUPERSEDED, Course, Lesson, Project
from coursekit.site import urls
from coursekit.site.compact import compact_html
from coursekit.site.quiz import QuizRenderer
from coursekit.site.text import hold_inline_html, hold_raw_html, html_text, json_for_script, md_text, plain_author_text, raw_html, raw_inline_html
from coursekit.site.trainer_pages import add_trainer_pages


# Practice pages hold at most this many questions, so a quiz page stays within its weight budget.
PRACTICE_SET_SIZE = 20

# Question pages stay out of the search index: each question is already indexed on its lesson
# page, and indexing it again doubled the jieba work of a build and the index a phone downloads.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"
# A lesson's practice and sources sections stay out too (attr_list on their headings): the
# questions restate the lesson, and the citation summaries are indexed on the citation index.
# Indexed, they crowded the lessons' own sections out of the results, and a search for a word of a
# summary listed every lesson citing it.
SECTION_NOT_SEARCHED = "{ data-search-exclude }"
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


@dataclass
class SiteFiles:
    """What the site gains from the sources: pages and data files, and where they go in the nav."""

    files: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    # per page: the raw HTML its placeholders stand for (see site.text.raw_html), put back once
    # the search index has read the page, and the inline markup (site.text.raw_inline_html),
    # put back as soon as Markdown has converted it
    fragments: dict[str, list[str]] = field(default_factory=dict)
    inline: dict[str, list[str]] = field(default_factory=dict)

    def hold_raw_html(self) -> None:
        for src, page in self.files.items():
            if src.endswith(".md"):
                page, held = hold_raw_html(page)
                self.files[src], inline = hold_inline_html(page)
                if held:
                    # Compacted here, once per build, not with each page.
                    self.fragments[src] = [compact_html(fragment) for fragment in held]
                if inline:
                    self.inline[src] = inline


class PageBuilder:
    def __init__(
        self,
        project: Project,
        lang: str = "zh",
        directory_urls: bool = True,
        edition: str = "",
        fallback: frozenset = frozenset(),
        original_root: str = "",
        branches: tuple[str, ...] = (),
    ):
        self.project = project
        self.branches = list(branches)  # offered on the exam's result slip (plugin option ``branches``)
        self.lang = lang
        self.directory_urls = directory_urls
        self.edition = edition
        self.by_lesson = project.questions_by_lesson()
        self.lessons = project.lesson_index()
        # "kind:id" of what shows its Chinese original for want of a translation
        self.fallback = fallback
        # From this language's root to the original language's (e.g. "../" from /en/); when
        # set, a page with nothing translated is a short notice linking to the original
        # instead of a copy of it (the copies doubled the build; see the README).
        self.original_root = original_root

    def _stub(self, src: str, title: str, *keys: str) -> str | None:
        """A pointer to the original page when none of ``keys`` is translated, else None."""
        if not self.original_root or not keys or not all(key in self.fallback for key in keys):
            return None
        url = urls.page_url(src, self.directory_urls)
        href = "../" * url.count("/") + self.original_root + url
        return (
            f"{NOT_SEARCHED}# {md_text(title)}\n\n"
            f'!!! note "{self._t("page.untranslated_title")}"\n\n'
            f"    {md_text(self._t('page.untranslated_stub'))}\n\n"
            + raw_html(f'<p class="ck-original"><a href="{html_text(href)}" hreflang="zh">{html_text(self._t("page.read_original"))}</a></p>')
        )

    def _untranslated(self, *keys: str) -> list[str]:
        """A visible notice when any of ``keys`` is shown in the original language."""
        if not any(key in self.fallback for key in keys):
            return []
        return [f'!!! note "{self._t("page.untranslated_title")}"', "", f"    {md_text(self._t('page.untranslated'))}", ""]

    def _renderer(self, page_src: str) -> QuizRenderer:
        return QuizRenderer(self.project, page_src, self.lang, self.directory_urls, self.lessons)

    def _t(self, key: str, **values) -> str:
        return t(key, lang=self.lang, **values)

    def _rel(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """An href for raw HTML (MkDocs leaves it as written)."""
        return urls.relative(from_src, to_src, self.directory_urls, anchor)

    def _md(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A Markdown link target (MkDocs validates it)."""
        return urls.md_link(from_src, to_src, anchor)

    # -- courses -------------------------------------------------------------------------

    def courses_index(self) -> str:
        src = f"{urls.COURSES}/index.md"
        lines = [f"# {self._t('page.courses')}", ""]
        for course in self.project.courses:
            link = self._md(src, urls.course_page(course.id))
            lines.append(f"- **[{md_text(course.title)}]({link})**{self._t('page.colon')}{md_text(course.summary or course.audience)}")
            lines.append(f"  <br>{md_text(self._t('page.course_minutes', count=len(course.lessons), minutes=course.minutes))}")
        return "\n".join(lines) + "\n"

    def course_page(self, course: Course) -> str:
        src = urls.course_page(course.id)
        lines = [f"# {md_text(course.title)}", ""] + self._untranslated(f"course:{course.id}")
        regulations = []
        for lesson in course.lessons:
            regulations += [r for r in lesson_notices(lesson, self.project.citations) if r not in regulations]
        if regulations:
            lines.append(self._revision_box(src, regulations, "course"))
        if course.summary:
            lines += [md_text(course.summary), ""]
        lines += [f"**{self._t('page.audience')}**{self._t('page.colon')}{md_text(course.audience)}", ""]
        lines += [f'!!! abstract "{self._t("page.objectives")}"', ""]
        lines += [f"    - {md_text(o)}" for o in course.objectives] + [""]
        lines += [f"## {self._t('page.lessons')}", ""]
        lines += [md_text(self._t("page.course_minutes", count=len(course.lessons), minutes=course.minutes)), ""]
        for number, lesson in enumerate(course.lessons, 1):
            link = self._md(src, urls.lesson_page(lesson.id))
            count = len(self.by_lesson.get(lesson.id, []))
            extra = f" · {self._t('page.questions_count', count=count)}" if count else ""
            lines.append(f"{number}. [{md_text(lesson.title)}]({link}) · {md_text(self._t('page.minutes', minutes=lesson.minutes))}{extra}")
        lines.append("")
        # The browser counts this course's progress from these ids, without fetching site-data.json.
        lesson_ids = " ".join(lesson.id for lesson in course.lessons)
        question_ids = " ".join(q.id for lesson in course.lessons for q in self.by_lesson.get(lesson.id, []))
        lines.append(
            f'<div class="ck-course-progress" data-ck-course="{html_text(course.id)}" '
            f'data-ck-lessons="{html_text(lesson_ids)}" data-ck-questions="{html_text(question_ids)}"></div>'
        )
        return "\n".join(lines) + "\n"

    def lesson_page(self, course: Course, index: int) -> str:
        lesson = course.lessons[index]
        src = urls.lesson_page(lesson.id)
        stub = self._stub(src, lesson.title, f"lesson:{lesson.id}")
        if stub:
            return stub
        meta = [self._t("page.minutes", minutes=lesson.minutes)]
        if lesson.as_of:
            meta.append(self._t("page.as_of", date=lesson.as_of))
        lines = [
            f"# {md_text(lesson.title)}",
            "",
            raw_html(f'<p class="ck-meta" data-ck-lesson="{html_text(lesson.id)}">{html_text(" · ".join(meta))}</p>'),
        ] + self._untranslated(f"lesson:{lesson.id}")
        lines += self._currency_notices(lesson, src)
        if lesson.objectives:
            lines += [f'!!! abstract "{self._t("page.objectives")}"', ""]
            lines += [f"    - {md_text(o)}" for o in lesson.objectives] + [""]
        lines += [self._with_citation_links(lesson, src).strip(), ""]
        questions = self.by_lesson.get(lesson.id, [])
        if questions:
            renderer = self._renderer(src)
            lines += [f"## {self._t('page.practice')} {SECTION_NOT_SEARCHED}", raw_html(renderer.quiz_block(questions, "lesson", lesson.id))]
        if lesson.sources:
            # The list is left out of search, so it can skip Markdown and the search plugin's parse.
            cited = [self.project.citations[key] for key in lesson.sources]
            items = [
                f"<li>{self._citation_anchor(src, c.key, c.full_label)}{self._t('page.colon')}"
                f"{html.escape(c.summary.replace(chr(10), ' '), quote=False)}</li>"
                for c in cited
            ]
            lines += [f"## {self._t('page.sources')} {SECTION_NOT_SEARCHED}", raw_html("<ul>\n" + "\n".join(items) + "\n</ul>")]
        lines.append(raw_html(self._pager(course, index, src)))
        return "\n".join(lines) + "\n"

    def _revision_box(self, src: str, regulations: list, kind: str) -> str:
        # Material's admonition markup, written out as HTML: it stays out of the search index
        # (the same notice on twenty pages would answer every search for 修订 or 党委).
        paragraphs = "".join(
            f"<p>{html_text(notice_text(regulation, kind, self.lang))} "
            f'<a href="{html_text(self._rel(src, urls.CITATIONS, regulation_anchor(regulation)))}">{html_text(self._t("currency.notice_link"))}</a></p>'
            for regulation in regulations
        )
        return raw_html(
            f'<div class="admonition warning ck-revision-notice" role="note">'
            f'<p class="admonition-title">{html_text(self._t("currency.notice_title"))}</p>{paragraphs}</div>'
        )

    def _currency_notices(self, lesson: Lesson, src: str) -> list[str]:
        """Inert admonitions: the regulation under review this lesson rests on, and a date of
        content more than a year old (``coursekit.currency``)."""
        lines = []
        regulations = lesson_notices(lesson, self.project.citations)
        if regulations:
            lines.append(self._revision_box(src, regulations, "lesson"))
        if is_stale(lesson):
            date = date_text(lesson.as_of, self.lang)
            lines += [f'!!! note "{md_text(self._t("currency.stale_title", date=date))}"', "", f"    {md_text(self._t('currency.stale_text', date=date))}", ""]
        return lines

    def _citation_anchor(self, src: str, key: str, label: str) -> str:
        return f'<a href="{html_text(self._rel(src, urls.CITATIONS, key))}">{html.escape(label, quote=False)}</a>'

    def _citation_link(self, src: str, key: str, label: str) -> str:
        """A link to a citation inside a line of Markdown, held out of it (``text.raw_inline_html``):
        a lesson has many, and as Markdown links each would be parsed and resolved again for nothing."""
        return raw_inline_html(self._citation_anchor(src, key, label))

    def _with_citation_links(self, lesson: Lesson, src: str) -> str:
        def as_markdown(match):
            citation = self.project.citations[match.group(1)]
            return f"[{md_text(self._t('page.inline_citation', label=citation.label))}]({self._md(src, urls.CITATIONS, citation.key)})"

        def held(match):
            citation = self.project.citations[match.group(1)]
            return self._citation_link(src, citation.key, self._t("page.inline_citation", label=citation.label))

        lines = plain_author_text(lesson.body).split("\n")
        for number, line in enumerate(lines):
            if "[@" not in line:
                continue
            following = lines[number + 1] if number + 1 < len(lines) else ""
            # In a heading the link stays Markdown: a placeholder would reach the table of contents.
            heading = line.lstrip().startswith("#") or SETEXT_UNDERLINE.match(following)
            lines[number] = INLINE_CITATION.sub(as_markdown if heading else held, line)
        return "\n".join(lines)

    def _pager(self, course: Course, index: int, src: str) -> str:
        # Previous and next as two large buttons, the course below them (styled in coursekit.css).
        links = []
        if index > 0:
            prev = course.lessons[index - 1]
            links.append(f'<a class="ck-prev" href="{html_text(self._rel(src, urls.lesson_page(prev.id)))}">← {html_text(self._t("page.previous"))}{self._t("page.colon")}{html_text(prev.title)}</a>')
        if index + 1 < len(course.lessons):
            nxt = course.lessons[index + 1]
            links.append(f'<a class="ck-next" href="{html_text(self._rel(src, urls.lesson_page(nxt.id)))}">{html_text(self._t("page.next"))}{self._t("page.colon")}{html_text(nxt.title)} →</a>')
        links.append(f'<a class="ck-course-link" href="{html_text(self._rel(src, urls.course_page(course.id)))}">{html_text(self._t("page.back_to_course"))}</a>')
        return '<nav class="ck-pager">' + "".join(links) + "</nav>"

    # -- citations -----------------------------------------------------------------------

    def citations_page(self) -> str:
        lines = [f"# {self._t('page.citations_title')}", "", self._t("page.citations_intro"), ""]
        lines += self._untranslated(*(f"citation:{key}" for key in self.project.citations))
        by_regulation: dict[str, list] = {}
        for citation in self.project.citations.values():
            by_regulation.setdefault(citation.regulation, []).append(citation)
        colon = self._t("page.colon")
        for regulation, entries in by_regulation.items():
            document = entries[0].document
            anchor = f" {{#{regulation_anchor(document)}}}" if document else ""
            lines += [f"## {md_text(regulation)}{anchor}", ""]
            if document:
                lines += self._edition_lines(document)
            for c in entries:
                lines += [f"### {md_text(c.place)} {{#{c.key}}}", "", md_text(c.summary), ""]
                facts = [f"{self._t('page.' + c.date_kind)}{colon}{md_text(c.effective)}"]
                if not c.confirmed:
                    note = c.number_note
                    number = (
                        self._t("currency.index_number_inferred", article=c.article, note=note)
                        if c.article and c.number == NUMBER_INFERRED
                        else self._t("currency.index_number_unknown", note=f"{colon}{note}" if note else "")
                    )
                    facts.append(f"{self._t('currency.index_number')}{colon}{md_text(number)}")
                if c.checked is not None:
                    facts.append(md_text(self._t("currency.index_checked", date=c.checked.date, source=c.checked.source)))
                elif c.under_review:
                    facts.append(f"**{md_text(self._t('currency.index_unchecked'))}**")
                # The space keeps the facts apart in search snippets, which drop the <br>.
                lines += [" <br>".join(facts), ""]
        return "\n".join(lines) + "\n"

    def _edition_lines(self, document) -> list[str]:
        """Which edition is taught and its status, at the head of the regulation's entries."""
        colon = self._t("page.colon")
        edition = self._t("currency.index_edition_text", edition=document.edition, issuer=document.issuer or "—", effective=f"{self._t('page.' + document.date_kind)}{colon}{document.effective}", read_at=document.read_at)
        lines = [f"**{md_text(self._t('currency.index_edition'))}**{colon}{md_text(edition)}", ""]
        if document.status == STATUS_SUPERSEDED:
            status = self._t("currency.status_superseded", by=document.superseded_by)
        elif document.under_review and document.revision:
            status = self._t("currency.status_revision", date=date_text(document.revision.date, self.lang))
        else:
            status = self._t("currency.status_current")
        if document.under_review and document.revision:
            lines += [f'!!! warning "{md_text(self._t("currency.index_status"))}{colon}{md_text(status)}"', ""]
            lines += [f"    **{md_text(self._t('currency.index_revision_source'))}**{colon}{md_text(document.revision.source)}", ""]
            lines += [f"    **{md_text(self._t('currency.index_revision_known'))}**{colon}{md_text(document.revision.known)}", ""]
        else:
            lines += [f"**{md_text(self._t('currency.index_status'))}**{colon}{md_text(status)}", ""]
        return lines

    # -- practice and exams --------------------------------------------------------------

    def practice_index(self) -> str:
        src = f"{urls.PRACTICE}/index.md"
        lines = [f"# {self._t('page.practice_index')}", ""]
        for bank in self.project.banks:
            lines.append(f"- [{md_text(bank.title)}]({self._md(src, urls.practice_page(bank.id))}) · {self._t('page.questions_count', count=len(bank.questions))}")
        return "\n".join(lines) + "\n"

    def practice_page(self, bank) -> str:
        """One page per bank. It holds the first PRACTICE_SET_SIZE questions, readable without
        JavaScript; the script offers the other sets from the bank's data file (``?set=2``). A page
        per set made a large bank's site much larger than its lessons and slowed every build."""
        src = urls.practice_page(bank.id)
        renderer = self._renderer(src)
        title = self._t("page.practice_title", title=bank.title)
        keys = [f"question:{q.id}" for q in bank.questions]
        stub = self._stub(src, title, *keys)
        if stub:
            return stub
        lines = [NOT_SEARCHED, f"# {md_text(title)}", ""] + self._untranslated(*keys)
        if bank.description:
            lines += [md_text(bank.description), ""]
        first = bank.questions[:PRACTICE_SET_SIZE]
        more, note = {}, ""
        if len(bank.questions) > PRACTICE_SET_SIZE:
            sets = -(-len(bank.questions) // PRACTICE_SET_SIZE)
            more = {"count": len(bank.questions), "set-size": PRACTICE_SET_SIZE, "src": self._rel(src, urls.bank_data(bank.id))}
            note = self._t("page.practice_sets_no_js", count=len(bank.questions), sets=sets, size=PRACTICE_SET_SIZE)
        block = renderer.quiz_block(first, "practice", bank.id, more=more, no_js_note=note)
        lines.append(raw_html(block))
        return "\n".join(lines) + "\n"

    def bank_data(self, bank) -> str:
        """The bank's questions for its practice sets, the exams and the notebook: with their tags
        (exams draw by tag), links relative to the site root."""
        renderer = self._renderer("index.md")
        return json.dumps({"questions": [renderer.data(q, with_tags=True) for q in bank.questions]}, ensure_ascii=False, separators=(",", ":"))

    def exam_index(self) -> str:
        src = f"{urls.EXAMS}/index.md"
        lines = [f"# {self._t('page.exam_index')}", ""]
        for paper in self.project.blueprints:
            lines.append(f"- [{md_text(paper.title)}]({self._md(src, urls.exam_page(paper.id))})")
        return "\n".join(lines) + "\n"

    def exam_page(self, blueprint) -> str:
        src = urls.exam_page(blueprint.id)
        renderer = self._renderer(src)
        banks = {bank.id: bank for bank in self.project.banks}
        stub = self._stub(src, blueprint.title, *(f"question:{q.id}" for rule in (r for s in blueprint.sections for r in s.draws) if rule.bank in banks for q in banks[rule.bank].questions))
        if stub:
            return stub
        drawn, _ = draw_paper(blueprint, banks, blueprint.seed)
        wanted = sorted({rule.bank for s in blueprint.sections for rule in s.draws} & banks.keys())
        paper = {
            "id": blueprint.id,
            "title": blueprint.title,
            "timeLimit": blueprint.time_limit,
            "passMark": blueprint.pass_mark,
            "seed": blueprint.seed,
            "total": blueprint.total_points,
            "sections": [
                {
                    "type": s.type,
                    "title": _section_title(s, self.lang),
                    "points": s.points,
                    "draws": [{"bank": r.bank, "tag": r.tag, "count": r.count} for r in s.draws],
                }
                for s in blueprint.sections
            ],
            # The script draws "another paper" from the banks' data files, fetched as the page
            # opens: carried in the page, the pools made an exam page heavier than any lesson.
            "banks": {bank_id: self._rel(src, urls.bank_data(bank_id)) for bank_id in wanted},
        }
        lines = [NOT_SEARCHED, f"# {md_text(blueprint.title)}", ""]
        if blueprint.description:
            lines += [md_text(blueprint.description), ""]
        body = [f'<div class="ck-exam" data-ck-paper="{html_text(blueprint.id)}">']
        body.append(f'<p class="ck-exam-rules">{html_text(self._t("page.exam_rules", minutes=blueprint.time_limit, total=_num(blueprint.total_points), pass_mark=_num(blueprint.pass_mark), seed=blueprint.seed))}</p>')
        for number, part in enumerate(drawn, 1):
            body.append(f'<h2 class="ck-section-title">{html_text(_section_heading(number, part.section, self.lang))}</h2>')
            questions = part.questions
            body.append(
                '<ol class="ck-questions">'
                + "".join(renderer.question_html(q, i + 1, with_material=q.case is not None and (i == 0 or questions[i - 1].case is not q.case)) for i, q in enumerate(questions))
                + "</ol>"
            )
        body.append(f'<script type="application/json" class="ck-exam-data">{json_for_script({"paper": paper, "branches": self.branches})}</script>')
        body.append("</div>")
        lines.append(raw_html("\n".join(body)))
        return "\n".join(lines) + "\n"

    # -- learner's own pages -------------------------------------------------------------

    def notebook_page(self) -> str:
        data = self._rel(urls.NOTEBOOK, urls.DATA)
        return (
            f"{NOT_SEARCHED}# {self._t('page.notebook')}\n\n{md_text(self._t('page.notebook_intro'))}\n\n"
            f'<div class="ck-notebook" data-ck-src="{html_text(data)}"><p class="ck-needs-js">{html_text(self._t("page.needs_js"))}</p></div>\n'
        )

    def progress_page(self) -> str:
        data = self._rel(urls.PROGRESS, urls.DATA)
        return (
            f"{NOT_SEARCHED}# {self._t('page.progress')}\n\n{md_text(self._t('page.progress_intro'))}\n\n"
            f'<div class="ck-progress" data-ck-src="{html_text(data)}"><p class="ck-needs-js">{html_text(self._t("page.needs_js"))}</p></div>\n'
        )

    def site_data(self) -> str:
        """The courses and lessons with their question ids (the progress page), and where each
        bank's questions are (the notebook fetches the banks of the learner's mistakes); links
        relative to the site root. The questions stay in the banks' files: the progress page needs
        none of them, and the notebook only those of the banks it fetches."""
        courses = [
            {
                "id": c.id,
                "title": c.title,
                "href": self._rel("index.md", urls.course_page(c.id)),
                "lessons": [
                    {
                        "id": lesson.id,
                        "title": lesson.title,
                        "href": self._rel("index.md", urls.lesson_page(lesson.id)),
                        "questions": [q.id for q in self.by_lesson.get(lesson.id, [])],
                    }
                    for lesson in c.lessons
                ],
            }
            for c in self.project.courses
        ]
        banks = {
            bank.id: {"href": self._rel("index.md", urls.bank_data(bank.id)), "questions": [q.id for q in bank.questions]}
            for bank in self.project.banks
        }
        return json.dumps({"edition": self.edition, "courses": courses, "banks": banks}, ensure_ascii=False, separators=(",", ":"))

    # -- everything ----------------------------------------------------------------------

    def build(self) -> SiteFiles:
        site = SiteFiles()
        files = site.files
        files[f"{urls.COURSES}/index.md"] = self.courses_index()
        course_nav = [{self._t("page.courses"): f"{urls.COURSES}/index.md"}]
        for course in self.project.courses:
            files[urls.course_page(course.id)] = self.course_page(course)
            entries = [urls.course_page(course.id)]
            for index, lesson in enumerate(course.lessons):
                files[urls.lesson_page(lesson.id)] = self.lesson_page(course, index)
                entries.append({lesson.title: urls.lesson_page(lesson.id)})
            course_nav.append({course.title: entries})
        site.nav.append({self._t("page.courses"): course_nav})
        if self.project.banks:
            files[f"{urls.PRACTICE}/index.md"] = self.practice_index()
            bank_nav = []
            for bank in self.project.banks:
                files[urls.practice_page(bank.id)] = self.practice_page(bank)
                files[urls.bank_data(bank.id)] = self.bank_data(bank)
                bank_nav.append({bank.title: urls.practice_page(bank.id)})
            site.nav.append({self._t("page.practice_index"): [f"{urls.PRACTICE}/index.md"] + bank_nav})
        if self.project.blueprints:
            files[f"{urls.EXAMS}/index.md"] = self.exam_index()
            for paper in self.project.blueprints:
                files[urls.exam_page(paper.id)] = self.exam_page(paper)
            site.nav.append({self._t("page.exam_index"): [f"{urls.EXAMS}/index.md"] + [{p.title: urls.exam_page(p.id)} for p in self.project.blueprints]})
        files[urls.NOTEBOOK] = self.notebook_page()
        files[urls.PROGRESS] = self.progress_page()
        files[urls.CITATIONS] = self.citations_page()
        files[urls.DATA] = self.site_data()
        site.nav += [
            {self._t("page.notebook"): urls.NOTEBOOK},
            {self._t("page.progress"): urls.PROGRESS},
            {self._t("page.citations_title"): urls.CITATIONS},
        ]
        return site


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _section_heading(number: int, section, lang: str) -> str:
    count = sum(r.count for r in section.draws)
    key = "page.section_heading_case" if section.type == CASE_TYPE else "page.section_heading"
    return t(key, lang=lang, number=number, title=_section_title(section, lang), count=count, points=_num(section.points))


def _section_title(section, lang: str) -> str:
    """A section its paper file leaves untitled is named after its type when loaded, in Chinese
    (sources/blueprints.py); a page in another language names it in that language."""
    if section.title == t(f"type.{section.type}", lang="zh"):
        return t(f"type.{section.type}", lang=lang)
    return section.title


def build_site_files(
    project: Project,
    lang: str = "zh",
    directory_urls: bool = True,
    edition: str = "",
    site_url: str = "",
    fallback: frozenset = frozenset(),
    original_root: str = "",
    branches: tuple[str, ...] = (),
) -> SiteFiles:
    """``site_url`` (the site's absolute address, may be empty) is only needed for the QR codes;
    ``fallback`` lists what is shown in Chinese for want of a ``lang`` translation, and
    ``original_root`` leads from this language's pages to the original ones."""
    site = PageBuilder(project, lang, directory_urls, edition, fallback, original_root, branches).build()
    add_trainer_pages(site, project, lang, directory_urls, site_url)
    site.hold_raw_html()
    return site
