"""Pages for trainers, added to the generated site: lesson plans (the lessons' ``trainer:`` notes,
which learner pages never show), print-ready papers, and QR codes on the pages a trainer puts on
a projector (course, practice and exam pages) when the site's address is known."""

from __future__ import annotations

from coursekit.currency import lesson_notices, notice_text
from coursekit.messages import t
from coursekit.model import Project
from coursekit.plans import key_points, plan_questions
from coursekit.site import urls
from coursekit.site.print_pages import PrintPage
from coursekit.site.qr import page_address, qr_block, with_qr_block
from coursekit.site.text import md_text

# Notes for trainers and answer keys: not what a learner's search should turn up.
_HIDDEN_FROM_SEARCH = "---\nsearch:\n  exclude: true\n---\n\n"


class TrainerPages:
    def __init__(self, project: Project, lang: str = "zh", directory_urls: bool = True, site_url: str = ""):
        self.project = project
        self.lang = lang
        self.directory_urls = directory_urls
        self.site_url = site_url or ""

    def _t(self, key: str, **values) -> str:
        return t(key, lang=self.lang, **values)

    def plans_page(self) -> str:
        src = urls.TRAINER_PLANS
        lines = [_HIDDEN_FROM_SEARCH + f"# {md_text(self._t('plan.page_title'))}", "", md_text(self._t("plan.page_intro")), ""]
        for course in self.project.courses:
            lines += [f"## {md_text(course.title)}", ""]
            lines += [f"**{md_text(self._t('plan.audience'))}**：{md_text(course.audience)}", ""]
            without_notes = []
            for number, lesson in enumerate(course.lessons, 1):
                link = urls.md_link(src, urls.lesson_page(lesson.id))
                notes = lesson.trainer_notes
                if notes is None:
                    without_notes.append(f"[{number}\\. {md_text(lesson.title)}]({link})")
                    continue
                lines += [f"### {number}\\. {md_text(lesson.title)}", ""]
                minutes = self._t("plan.minutes", minutes=lesson.minutes)
                if notes.steps:
                    minutes += self._t("plan.minutes_steps", minutes=notes.minutes)
                lines += [f"[{md_text(self._t('plan.open_lesson'))}]({link}) · {md_text(minutes)}", ""]
                for regulation in lesson_notices(lesson, self.project.citations):
                    lines += [f'!!! warning "{md_text(self._t("currency.notice_title"))}"', "", f"    {md_text(notice_text(regulation, 'plan', self.lang))}", ""]
                if notes.steps:
                    lines += [
                        f"**{md_text(self._t('plan.steps'))}**",
                        "",
                        f"| {md_text(self._t('plan.step_number'))} | {md_text(self._t('plan.step'))} | {md_text(self._t('plan.step_minutes_header'))} |",
                        "|---|---|---|",  # no alignment colons: they become style="" attributes, which the CSP blocks
                    ]
                    lines += [f"| {i} | {md_text(s.step)} | {s.minutes} |" for i, s in enumerate(notes.steps, 1)]
                    lines += [f"|  | {md_text(self._t('plan.steps_total'))} | {notes.minutes} |", ""]
                if notes.discussion:
                    lines += [f"**{md_text(self._t('plan.discussion'))}**", ""]
                    lines += [f"{i}. {md_text(q)}" for i, q in enumerate(notes.discussion, 1)] + [""]
                if notes.activity:
                    lines += [f"**{md_text(self._t('plan.activity'))}**：{md_text(notes.activity)}", ""]
                if notes.materials:
                    lines += [f"**{md_text(self._t('plan.materials'))}**", ""]
                    lines += [f"- {md_text(m)}" for m in notes.materials] + [""]
                if notes.questions:
                    lines += [f"**{md_text(self._t('plan.questions'))}**", ""]
                    lines += [f"- {md_text(q)}" for q in plan_questions(self.project, notes.questions, self.lang)] + [""]
                if notes.notes:
                    lines += [f"**{md_text(self._t('plan.notes'))}**：{md_text(notes.notes)}", ""]
                points = key_points(lesson)
                if points:
                    lines += [f"**{md_text(self._t('plan.key_points'))}**：{md_text('；'.join(points))}", ""]
            if without_notes:
                lines += [f"*{md_text(self._t('plan.lessons_without_notes'))}*：" + "、".join(without_notes), ""]
        return "\n".join(lines) + "\n"

    def papers_page(self) -> str:
        src = urls.TRAINER_PAPERS
        lines = [_HIDDEN_FROM_SEARCH + f"# {md_text(self._t('paper.print_index'))}", "", md_text(self._t("paper.print_index_intro")), ""]
        for blueprint in self.project.blueprints:
            link = urls.md_link(src, urls.print_page(blueprint.id))
            lines.append(f"- [{md_text(blueprint.title)}]({link})")
        if not self.project.blueprints:
            lines.append(md_text(self._t("paper.no_papers")))
        return "\n".join(lines) + "\n"

    def _qr(self, files: dict[str, str], src: str) -> None:
        if self.site_url and src in files:
            block = qr_block(page_address(self.site_url, src, self.directory_urls), self.lang)
            files[src] = with_qr_block(files[src], block)

    def add_to(self, site) -> None:
        """Add the trainers' pages and nav to ``site`` (a ``SiteFiles``); QR codes on the pages learners open."""
        files = site.files
        files[urls.TRAINER_PLANS] = self.plans_page()
        files[urls.TRAINER_PAPERS] = self.papers_page()
        nav = [{self._t("plan.page_title"): urls.TRAINER_PLANS}, {self._t("paper.print_index"): urls.TRAINER_PAPERS}]
        # The print pages carry the answer key: linked from the trainers' papers page only, never
        # from a learner's exam page or the navigation. A static site cannot hide them from
        # someone who looks (the trainers' guide says so); it need not put them one tap away.
        for blueprint in self.project.blueprints:
            files[urls.print_page(blueprint.id)] = PrintPage(self.project, blueprint, self.lang).markdown()
        site.nav.append({self._t("plan.nav_title"): nav})
        for src in self.projected_pages(files):
            self._qr(files, src)

    def projected_pages(self, files: dict[str, str]) -> list[str]:
        """The pages a trainer shows on a projector for learners to open: course pages, every
        practice page (a bank may span several) and exam pages."""
        pages = [urls.course_page(course.id) for course in self.project.courses]
        pages += sorted(src for src in files if src.startswith(f"{urls.PRACTICE}/") and src.endswith(".md"))
        pages += [urls.exam_page(blueprint.id) for blueprint in self.project.blueprints]
        return [src for src in pages if src in files]


def add_trainer_pages(site, project: Project, lang: str = "zh", directory_urls: bool = True, site_url: str = "") -> None:
    TrainerPages(project, lang, directory_urls, site_url).add_to(site)
