"""The pure scoring engine: frozen dataclasses in, results out. No Flask, no SQLAlchemy, stdlib only.

    result = evaluate(evaluation)            # figures per supplier, in input order
    to_json_dict(result, "CSC-2026-01")      # the documented results JSON
"""

from .engine import (
    ScoreRange,
    YouthRank,
    evaluate,
    price_score,
    rank_values,
    ranking_without_youth,
    score_ranges,
    weight_problems_for,
    without_youth,
    youth_only_ranking,
)
from .model import (
    DEFAULT_SCALE,
    FAIL,
    PASS,
    Conflict,
    Consensus,
    Criterion,
    Evaluation,
    Kind,
    PriceMethod,
    Scale,
    ScaleLevel,
    Score,
    ScoreTally,
    Section,
    Supplier,
    YouthAnswer,
    YouthQuestion,
    YouthTally,
)
from .results import CriterionResult, EvaluationResult, SupplierResult, to_json_dict
from .sensitivity import Change, SectionSensitivity, Sensitivity, sensitivity
from .weights import WeightProblem, as_fraction

__all__ = [
    "DEFAULT_SCALE",
    "FAIL",
    "PASS",
    "Change",
    "Conflict",
    "Consensus",
    "Criterion",
    "CriterionResult",
    "Evaluation",
    "EvaluationResult",
    "Kind",
    "PriceMethod",
    "Scale",
    "ScaleLevel",
    "Score",
    "ScoreRange",
    "ScoreTally",
    "Section",
    "SectionSensitivity",
    "Sensitivity",
    "Supplier",
    "SupplierResult",
    "WeightProblem",
    "YouthAnswer",
    "YouthQuestion",
    "YouthRank",
    "YouthTally",
    "as_fraction",
    "evaluate",
    "price_score",
    "rank_values",
    "ranking_without_youth",
    "score_ranges",
    "sensitivity",
    "to_json_dict",
    "weight_problems_for",
    "without_youth",
    "youth_only_ranking",
]
