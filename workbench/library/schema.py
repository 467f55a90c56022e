"""pydantic models of the library files (``criteria/*.yaml``, ``questionnaires/*.yaml``): shape and types.

Rules that need more than one value (levels contiguous, bands in order, references between files) are
checked by ``workbench.library.loader``, which knows where every value was written.
Every file names what it holds with ``kind``:

- ``scales`` — ``scales: [{id, title, min, max, description?, levels: [{value, label, descriptor}]}]``
- ``criteria_set`` — ``{id, title, source, description, sections: [...], criteria: [...]}``
- ``contract_templates`` — ``{kpis: [...], slas: [...]}``
- ``young_people_form`` — ``{id, title, intro, criteria_set?, answers, not_sure, better_prompt, questions}``
- ``supplier_questionnaire`` — ``{id, title, criteria_set, intro, instructions, default_word_limit, items}``
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from workbench.library.yamlsource import YamlStr, register_pattern_message

FILE_KINDS = ("scales", "criteria_set", "contract_templates", "young_people_form", "supplier_questionnaire")

ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*$"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
DURATION_PATTERN = r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$"

register_pattern_message(ID_PATTERN, "An id uses lower-case letters, digits, dots and hyphens")
register_pattern_message(CODE_PATTERN, "A code uses letters, digits, dots, hyphens and underscores")
register_pattern_message(DURATION_PATTERN, "Write a duration such as 30m, 4h, 2d or 1h30m")

Text = Annotated[YamlStr, StringConstraints(strip_whitespace=True)]
Required = Annotated[YamlStr, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[YamlStr, StringConstraints(strip_whitespace=True, max_length=80, pattern=ID_PATTERN)]
Code = Annotated[YamlStr, StringConstraints(strip_whitespace=True, max_length=20, pattern=CODE_PATTERN)]
Duration = Annotated[YamlStr, StringConstraints(strip_whitespace=True, pattern=DURATION_PATTERN)]


def duration_minutes(text: str) -> int:
    """``"30m"`` → 30, ``"4h"`` → 240, ``"2d"`` → 2880, ``"1h30m"`` → 90."""
    match = re.fullmatch(DURATION_PATTERN, text.strip())
    if match is None or not any(match.groups()):
        raise ValueError(f"Not a duration: {text!r} (write e.g. 30m, 4h, 2d or 1h30m)")
    days, hours, minutes = (int(part) if part else 0 for part in match.groups())
    return (days * 24 + hours) * 60 + minutes


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------------------------------------------- scales


class LevelFile(Strict):
    value: int
    label: Required
    descriptor: Text = ""


class ScaleFile(Strict):
    id: Ident
    title: Required
    description: Text = ""
    min: int
    max: int
    levels: list[LevelFile] = Field(min_length=2)


class ScalesFile(Strict):
    kind: Literal["scales"]
    scales: list[ScaleFile] = Field(min_length=1)


# ------------------------------------------------------------------------------------------------ criteria


class GuidanceFile(Strict):
    poor: Text = ""
    satisfactory: Text = ""
    excellent: Text = ""


class CriterionFile(Strict):
    id: Ident
    code: Code
    title: Required
    question: Required
    guidance: GuidanceFile
    evidence: list[Required] = []
    kind: Literal["scored", "pass_fail"]
    suggested_weight: Decimal | None = None
    section: Required
    young_people: Required | None = None


class SectionFile(Strict):
    name: Required
    weight: Decimal
    description: Text = ""


class CriteriaSetFile(Strict):
    kind: Literal["criteria_set"]
    id: Ident
    title: Required
    source: Required
    description: Text = ""
    sections: list[SectionFile] = Field(min_length=1)
    criteria: list[CriterionFile] = Field(min_length=1)


# --------------------------------------------------------------------------------------- contract templates


class KpiFile(Strict):
    code: Code
    title: Required
    unit: Literal["percent", "minutes", "hours", "count", "number"]
    direction: Literal["higher", "lower"]
    period: Literal["month", "quarter"]
    target: Decimal
    approaching: Decimal
    requires_improvement: Decimal
    description: Text = ""


class SlaFile(Strict):
    severity: Literal["P1", "P2", "P3", "P4"]
    title: Required
    respond_within: Duration
    resolve_within: Duration
    clock: Literal["24x7", "service_hours"]
    description: Text = ""


class ContractTemplatesFile(Strict):
    kind: Literal["contract_templates"]
    description: Text = ""
    kpis: list[KpiFile] = []
    slas: list[SlaFile] = []


# ------------------------------------------------------------------------------------------- questionnaires


class AnswerFile(Strict):
    value: int
    label: Required


class YoungPeopleQuestionFile(Strict):
    id: Code
    text: Required
    hint: Text = ""
    criteria: list[Code] = Field(min_length=1)


class YoungPeopleFormFile(Strict):
    kind: Literal["young_people_form"]
    id: Ident
    title: Required
    intro: Text = ""
    criteria_set: Ident | None = None
    answers: list[AnswerFile] | None = None
    not_sure: Required = "Not sure"
    better_prompt: Required = "What would make it better?"
    questions: list[YoungPeopleQuestionFile] = Field(min_length=1)


class QuestionnaireItemFile(Strict):
    criterion: Ident
    word_limit: Annotated[int, Field(gt=0)] | None = None
    instructions: Text = ""
    attachments: list[Required] = []


class SupplierQuestionnaireFile(Strict):
    kind: Literal["supplier_questionnaire"]
    id: Ident
    title: Required
    criteria_set: Ident
    intro: Text = ""
    instructions: list[Required] = []
    default_word_limit: Annotated[int, Field(gt=0)] | None = None
    items: list[QuestionnaireItemFile] = []


FILE_MODELS: dict[str, type[Strict]] = {
    "scales": ScalesFile,
    "criteria_set": CriteriaSetFile,
    "contract_templates": ContractTemplatesFile,
    "young_people_form": YoungPeopleFormFile,
    "supplier_questionnaire": SupplierQuestionnaireFile,
}
