"""The questions a supplier answers, generated from the plan's criteria and the library's questionnaires.

The question text comes from the criterion; the word limit, instructions and documents to attach come from the
supplier questionnaire for the criterion's library set (``questionnaires/*.yaml``). A criterion written for this
plan only (not from the library) gets the questionnaire's default word limit, or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.library import Library, SupplierQuestionnaire
from workbench.models import Criterion, Procurement


@dataclass(frozen=True)
class Question:
    criterion: Criterion
    number: int
    text: str
    section: str
    pass_fail: bool
    word_limit: int | None
    instructions: str
    attachments: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    title: str
    intro: str
    instructions: tuple[str, ...]
    questions: tuple[Question, ...]

    def question(self, criterion_id: int) -> Question | None:
        return next((q for q in self.questions if q.criterion.id == criterion_id), None)


def word_count(text: str | None) -> int:
    return len(re.findall(r"\S+", text or ""))


def _questionnaire_for(procurement: Procurement, library: Library) -> SupplierQuestionnaire | None:
    for criterion in procurement.criteria:
        found = library.criterion(criterion.library_id) if criterion.library_id else None
        if found is not None:
            questionnaire = library.questionnaire_for_set(found.set_id)
            if questionnaire is not None:
                return questionnaire
    return None


def questionnaire_for(procurement: Procurement, library: Library) -> Questionnaire:
    source = _questionnaire_for(procurement, library)
    questions = []
    for number, criterion in enumerate(procurement.criteria, start=1):
        if source is not None and criterion.library_id:
            item = source.item(criterion.library_id)
            limit, instructions, attachments = item.word_limit, item.instructions, tuple(item.attachments)
        else:
            limit, instructions, attachments = (source.default_word_limit if source else None), "", ()
        questions.append(Question(
            criterion=criterion, number=number, text=criterion.question or criterion.title,
            section=criterion.section.name, pass_fail=criterion.is_pass_fail, word_limit=limit,
            instructions=instructions, attachments=attachments, evidence=tuple(criterion.evidence or ())))
    if source is None:
        return Questionnaire(title=f"{procurement.title} — supplier questionnaire", intro="", instructions=(),
                             questions=tuple(questions))
    return Questionnaire(title=source.title, intro=source.intro, instructions=tuple(source.instructions),
                         questions=tuple(questions))
