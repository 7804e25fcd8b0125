"""Quiz markup: questions as readable HTML (answers collapsed) plus the JSON the browser script uses."""

from __future__ import annotations

from functools import lru_cache

from coursekit.currency import notices_text, question_notices
from coursekit.messages import t
from coursekit.model import QUESTION_TYPES, Project, Question
from coursekit.site import urls
from coursekit.site.text import html_text, json_for_script


class QuizRenderer:
    """Renders questions for one page; links are relative to that page."""

    def __init__(self, project: Project, page_src: str, lang: str = "zh", directory_urls: bool = True, lessons: dict | None = None):
        """``lessons``: the project's lesson index, when the caller renders many pages and has it."""
        self.project = project
        self.page_src = page_src
        self.lang = lang
        self.directory_urls = directory_urls
        self._lessons = lessons if lessons is not None else project.lesson_index()
        self._label = _labels(lang)

    def href(self, to_src: str, anchor: str = "") -> str:
        return urls.relative(self.page_src, to_src, self.directory_urls, anchor)

    def sources(self, q: Question) -> list[dict]:
        result = []
        for key in q.sources:
            citation = self.project.citations.get(key)
            if citation:
                # No summary: the link leads to it, and every byte here is paid on each quiz page.
                result.append({"key": key, "label": citation.label, "href": self.href(urls.CITATIONS, key)})
        return result

    def lesson(self, q: Question) -> dict | None:
        lesson = self._lessons.get(q.lesson)
        if lesson is None:
            return None
        return {"id": lesson.id, "title": lesson.title, "href": self.href(urls.lesson_page(lesson.id))}

    def data(self, q: Question, with_tags: bool = False) -> dict:
        """What the browser needs to run ``q``: no more, as it ships on every quiz page.
        Tags only where papers are drawn by tag (exam pools)."""
        data = {
            "id": q.id,
            "type": q.type,
            "typeLabel": t(f"type.{q.type}", lang=self.lang),
            "stem": q.stem,
            "options": q.options,
            "answer": q.answer,
            "answerText": self.answer_text(q),
            # The revision notice rides in the explanation, which feedback and exam review already
            # show: no script needed to show it, and none to forget it.
            "explanation": self.explanation(q),
            "sources": self.sources(q),
            "lesson": self.lesson(q),
        }
        if q.case is not None:
            # Every question of a case carries its situation: the notebook shows one question alone.
            data["case"] = {"id": q.case.id, "title": q.case.title, "material": q.case.material}
        if with_tags:
            data["tags"] = q.tags
        return data

    def notice(self, q: Question) -> str:
        return notices_text(question_notices(q, self.project.citations), "question", self.lang)

    def explanation(self, q: Question) -> str:
        notice = self.notice(q)
        return f"{q.explanation} {notice}" if notice else q.explanation

    def answer_text(self, q: Question) -> str:
        if q.type == "judge":
            return t("ui.judge_true" if q.answer else "ui.judge_false", lang=self.lang)
        if q.type == "order":
            return " → ".join(q.options)
        return q.answer_text()

    def material_html(self, q: Question) -> str:
        case = q.case
        if case is None:
            return ""
        return (
            f'<div class="ck-case" data-ck-case="{html_text(case.id)}"><p class="ck-case-title"><strong>{self._label["case.material"]}'
            f'{self._label["page.colon"]}</strong>{html_text(case.title)}</p><p class="ck-case-material">{html_text(case.material)}</p></div>'
        )

    def question_html(self, q: Question, number: int, with_material: bool = True) -> str:
        label = self._label
        qid = html_text(q.id)
        parts = [
            f'<li class="ck-question" id="q-{qid}" data-ck-qid="{qid}" data-ck-type="{q.type}">',
            self.material_html(q) if with_material else "",
            f'<p class="ck-stem"><span class="ck-type">{label[f"type.{q.type}"]}</span> {html_text(q.stem)}</p>',
        ]
        if q.options:
            options = q.options if q.type != "order" else _display_order(q)
            items = "".join(f"<li>{html_text(option)}</li>" for option in options)
            parts.append(f'<ol class="ck-options" type="A">{items}</ol>')
        parts.append(f'<details class="ck-answer" data-search-exclude><summary>{label["page.show_answer"]}</summary>')
        parts.append(f'<p><strong>{label["page.answer"]}</strong>{label["page.colon"]}{html_text(self.answer_text(q))}</p>')
        parts.append(f'<p><strong>{label["page.explanation"]}</strong>{label["page.colon"]}{html_text(q.explanation)}</p>')
        notice = self.notice(q)
        if notice:
            parts.append(f'<p class="ck-notice">{html_text(notice)}</p>')
        links = [f'<a href="{html_text(s["href"])}">{html_text(s["label"])}</a>' for s in self.sources(q)]
        lesson = self.lesson(q)
        line = f'<strong>{label["page.source"]}</strong>{label["page.colon"]}' + label["page.list_separator"].join(links)
        if lesson and urls.lesson_page(lesson["id"]) != self.page_src:
            line += f' · <a href="{html_text(lesson["href"])}">{label["page.lesson_link"]}{label["page.colon"]}{html_text(lesson["title"])}</a>'
        parts.append(f"<p>{line}</p></details></li>")
        return "".join(parts)

    def quiz_block(self, questions: list[Question], kind: str, name: str, more: dict | None = None, no_js_note: str = "") -> str:
        """A self-contained quiz: readable without JavaScript, interactive with it. ``more`` adds
        ``data-ck-*`` attributes for the script; ``no_js_note`` is shown only without it."""
        # A case's situation is shown above its first question, not repeated above the others.
        items = "\n".join(
            self.question_html(q, i + 1, with_material=q.case is not None and (i == 0 or questions[i - 1].case is not q.case))
            for i, q in enumerate(questions)
        )
        payload = json_for_script({"kind": kind, "name": name, "questions": [self.data(q) for q in questions]})
        attributes = "".join(f' data-ck-{key}="{html_text(str(value))}"' for key, value in (more or {}).items())
        note = f'<p class="ck-needs-js">{html_text(no_js_note)}</p>\n' if no_js_note else ""
        return (
            # Out of the search index: a lesson's questions restate the lesson, which is indexed;
            # indexed too, they would push the lesson down the results and swell the index.
            f'<div class="ck-quiz" data-ck-kind="{html_text(kind)}" data-ck-name="{html_text(name)}"{attributes} data-search-exclude>\n'
            f'<ol class="ck-questions">\n{items}\n</ol>\n'
            f"{note}"
            f'<script type="application/json" class="ck-data">{payload}</script>\n'
            "</div>"
        )


@lru_cache(maxsize=None)
def _labels(lang: str) -> dict[str, str]:
    """The fixed texts of question markup in ``lang``, escaped for HTML once (not per question)."""
    keys = [f"type.{kind}" for kind in QUESTION_TYPES]
    keys += ["page.show_answer", "page.answer", "page.explanation", "page.source", "page.lesson_link", "case.material"]
    labels = {key: html_text(t(key, lang=lang)) for key in keys}
    # Punctuation between a label and its text, as the catalogue writes it (it holds no markup).
    labels |= {key: t(key, lang=lang) for key in ("page.colon", "page.list_separator")}
    return labels


def _display_order(q: Question) -> list[str]:
    """Order questions are written in the right order; show them shuffled (stably, by id) so the
    page without JavaScript does not give the answer away."""
    import hashlib

    keyed = sorted(range(len(q.options)), key=lambda i: hashlib.sha1(f"{q.id}:{i}".encode()).hexdigest())
    if keyed == list(range(len(q.options))) and len(keyed) > 1:
        keyed = keyed[1:] + keyed[:1]
    return [f"{q.options[i]}" for i in keyed]
