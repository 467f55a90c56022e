"""The criteria library (``criteria/``, ``questionnaires/``) and evaluation plan files.

Public API::

    load_library(criteria_dir=..., questionnaires_dir=...) -> Library   # raises ProblemsError
    validate_path(path) -> list[Problem]                                 # `workbench criteria validate`
    load_plan(path, library, *, text=None) -> Plan                        # raises ProblemsError
    check_plan(plan, library) -> list[Problem]                            # the plan rules, for the UI too
    load_yaml / validate_model / SourcedYaml                              # file:line problems for any YAML

Everything returned is a frozen dataclass; no pydantic knowledge is needed to use it.
"""

from workbench.library.loader import (
    DEFAULT_CRITERIA_DIR,
    DEFAULT_QUESTIONNAIRES_DIR,
    REPO_ROOT,
    load_library,
    validate_path,
)
from workbench.library.model import (
    BETTER_PROMPT,
    NOT_SURE,
    PASS_FAIL,
    SCORED,
    YOUNG_PEOPLE_ANSWERS,
    Answer,
    CriteriaSet,
    Guidance,
    KpiTemplate,
    Level,
    Library,
    LibraryCriterion,
    QuestionnaireItem,
    Scale,
    SlaTemplate,
    SuggestedSection,
    SupplierQuestionnaire,
    YoungPeopleForm,
    YoungPeopleQuestion,
)
from workbench.library.plans import (
    PRICE_METHODS,
    Plan,
    PlanCriterion,
    PlanEvaluator,
    PlanScale,
    PlanSection,
    PlanSupplier,
    check_plan,
    load_plan,
)
from workbench.library.yamlsource import SourcedYaml, field_path, load_yaml, validate_model

__all__ = [
    "BETTER_PROMPT",
    "DEFAULT_CRITERIA_DIR",
    "DEFAULT_QUESTIONNAIRES_DIR",
    "NOT_SURE",
    "PASS_FAIL",
    "PRICE_METHODS",
    "REPO_ROOT",
    "SCORED",
    "YOUNG_PEOPLE_ANSWERS",
    "Answer",
    "CriteriaSet",
    "Guidance",
    "KpiTemplate",
    "Level",
    "Library",
    "LibraryCriterion",
    "Plan",
    "PlanCriterion",
    "PlanEvaluator",
    "PlanScale",
    "PlanSection",
    "PlanSupplier",
    "QuestionnaireItem",
    "Scale",
    "SlaTemplate",
    "SourcedYaml",
    "SuggestedSection",
    "SupplierQuestionnaire",
    "YoungPeopleForm",
    "YoungPeopleQuestion",
    "check_plan",
    "field_path",
    "load_library",
    "load_plan",
    "load_yaml",
    "validate_model",
    "validate_path",
]
