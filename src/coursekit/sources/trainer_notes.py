"""A lesson's plan for trainers: the ``trainer:`` mapping in its front matter.

The schema (every key optional, at least one present; a full plan has all but ``notes``)::

    trainer:
      steps:                     # 教学环节，按先后排列，合计 30—45 分钟
        - {step: 导入：展示本支部上季度党员大会记录, minutes: 5}
        - {step: 讲解表决的两道门槛, minutes: 10}
      discussion:                # 讨论题，两三道，从课文的案例出发
        - 你的支部上一次党员大会是什么时候开的？
      activity: 分组计算案例中的表决结果，每组派一人讲解。   # 课堂活动
      materials:                 # 要打印或准备的材料
        - 表决案例卡（每组一套）
      questions: [shyk-021, shyk-022]   # 课上用的练习题（本课的题目编号）
      notes: 强调分母是应到会人数，不是实到人数。             # 备课提示

The plan goes to the trainers' page and the lesson plan (``coursekit plan``), never to the
learner's lesson page. ``coursekit check`` stops on a question id no bank has, and advises on a
lesson without a plan, an outline outside 30–45 minutes and a question of another lesson.
"""

from __future__ import annotations

from coursekit.messages import t
from coursekit.model import TrainerNotes, TrainerStep
from coursekit.problems import Problem
from coursekit.sources.fields import FieldReader
from coursekit.sources.yamlfile import MarkedDict, MarkedList

TRAINER_KEYS = {"steps", "discussion", "activity", "materials", "questions", "notes"}


def read_trainer_notes(front: MarkedDict, shown_as: str, problems: list[Problem]) -> TrainerNotes | None:
    """The ``trainer:`` notes of a lesson's front matter, or None (absent or wrong; problems say why)."""
    raw = front.get("trainer")
    if raw is None:
        return None
    if not isinstance(raw, MarkedDict):
        problems.append(Problem(shown_as, front.line_of("trainer"), t("lesson.trainer_not_mapping")))
        return None
    before = len(problems)
    fields = FieldReader(raw, shown_as, problems)
    fields.unknown_keys(TRAINER_KEYS)
    if not any(key in raw for key in TRAINER_KEYS):
        problems.append(Problem(shown_as, front.line_of("trainer"), t("plan.trainer_empty")))
    steps = _read_steps(raw, shown_as, problems)
    questions = fields.text_list("questions")
    raw_questions = raw.get("questions")
    lines = [raw_questions.line_of(i) for i in range(len(questions))] if isinstance(raw_questions, MarkedList) else [raw.line_of("questions")] * len(questions)
    notes = TrainerNotes(
        steps=steps,
        discussion=fields.text_list("discussion"),
        activity=fields.text("activity", required=False),
        materials=fields.text_list("materials"),
        questions=questions,
        notes=fields.text("notes", required=False),
        line=front.line_of("trainer"),
        question_lines=lines,
    )
    return notes if len(problems) == before else None


def _read_steps(raw: MarkedDict, shown_as: str, problems: list[Problem]) -> list[TrainerStep]:
    value = raw.get("steps")
    if value is None:
        return []
    if not isinstance(value, MarkedList):
        problems.append(Problem(shown_as, raw.line_of("steps"), t("plan.steps_not_list")))
        return []
    steps = []
    for index, item in enumerate(value):
        line = value.line_of(index)
        if not isinstance(item, MarkedDict):
            problems.append(Problem(shown_as, line, t("plan.step_not_mapping")))
            continue
        FieldReader(item, shown_as, problems).unknown_keys({"step", "minutes"})
        step = item.get("step")
        minutes = item.get("minutes")
        if not isinstance(step, str) or not step.strip():
            problems.append(Problem(shown_as, item.line_of("step") if "step" in item else line, t("plan.step_text")))
            continue
        if minutes is None:
            problems.append(Problem(shown_as, line, t("plan.step_minutes_missing")))
            continue
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1:
            problems.append(Problem(shown_as, item.line_of("minutes"), t("plan.step_minutes", value=minutes)))
            continue
        steps.append(TrainerStep(step=step.strip(), minutes=minutes))
    return steps
