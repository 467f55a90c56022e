"""``to_json_dict`` gives exactly the results JSON of design.md."""

from __future__ import annotations

import json

import pytest

from workbench.scoring import (
    DEFAULT_SCALE,
    FAIL,
    PASS,
    Criterion,
    Evaluation,
    Kind,
    Score,
    Section,
    Supplier,
    YouthAnswer,
    YouthQuestion,
    evaluate,
    to_json_dict,
)

SUPPLIER_KEYS = {"name", "quality", "price_score", "total", "rank", "excluded", "exclusion_reasons", "tie",
                 "criteria"}
CRITERION_KEYS = {"professional", "youth", "normalised", "spread_flag"}


def evaluation() -> Evaluation:
    sections = (Section("Quality", 100, (Criterion("Q1", "Design", weight=100, youth_share=25),)),
                Section("Compliance", 0, (Criterion("PF1", "Cyber", kind=Kind.PASS_FAIL),)))
    suppliers = (Supplier("Excluded Ltd", 50), Supplier("Missing Ltd", 100), Supplier("Second Ltd", 120),
                 Supplier("First Ltd", 100))
    scores = (
        Score("e1", "Excluded Ltd", "Q1", 5), Score("e1", "Excluded Ltd", "PF1", FAIL),
        Score("e1", "Missing Ltd", "PF1", PASS),
        Score("e1", "Second Ltd", "Q1", 3), Score("e2", "Second Ltd", "Q1", 4),
        Score("e1", "Second Ltd", "PF1", PASS),
        Score("e1", "First Ltd", "Q1", 5), Score("e1", "First Ltd", "PF1", PASS),
    )
    answers = tuple(YouthAnswer("P1", s.name, "YP1", 5) for s in suppliers)
    return Evaluation(DEFAULT_SCALE, sections, suppliers, scores=scores,
                      youth_questions=(YouthQuestion("YP1", ("Q1",)),), youth_answers=answers)


def test_json_shape_and_order() -> None:
    data = to_json_dict(evaluate(evaluation()), "CSC-2026-01")
    assert json.loads(json.dumps(data)) == data                  # JSON-serialisable, lists not tuples
    assert set(data) == {"reference", "complete", "suppliers"}
    assert data["reference"] == "CSC-2026-01" and data["complete"] is False
    # ranked first (by rank), then the unranked in input order
    names = [s["name"] for s in data["suppliers"]]
    assert names == ["First Ltd", "Second Ltd", "Excluded Ltd", "Missing Ltd"]
    for supplier in data["suppliers"]:
        assert set(supplier) >= SUPPLIER_KEYS
        assert isinstance(supplier["exclusion_reasons"], list)
        assert list(supplier["criteria"]) == ["Q1", "PF1"]
        for criterion in supplier["criteria"].values():
            assert set(criterion) == CRITERION_KEYS


def test_json_values() -> None:
    first, second, excluded, missing = to_json_dict(evaluate(evaluation()), "R")["suppliers"]
    assert first["rank"] == 1 and first["tie"] is False and first["excluded"] is False
    assert first["criteria"]["Q1"] == {"professional": 5.0, "youth": 5.0, "normalised": 1.0,
                                       "spread_flag": False}
    assert first["criteria"]["PF1"] == {"professional": "pass", "youth": None, "normalised": None,
                                        "spread_flag": False}
    # Second: professional (3+4)/2 = 3.5 → 0.7; n = 0.75*0.7 + 0.25*1 = 0.775; quality 77.5
    # price 100 * 100/120 = 83.33…; total 77.5*0.7 + (250/3)*0.3 = 54.25 + 25 = 79.25 (full precision)
    assert second["criteria"]["Q1"]["professional"] == 3.5
    assert second["criteria"]["Q1"]["normalised"] == pytest.approx(0.775, abs=1e-9)
    assert second["price_score"] == pytest.approx(250 / 3, abs=1e-9)
    assert second["total"] == pytest.approx(79.25, abs=1e-9)
    assert excluded["excluded"] is True and excluded["rank"] is None and excluded["total"] is None
    assert excluded["exclusion_reasons"] == ["PF1 Cyber: failed pass/fail criterion"]
    assert excluded["quality"] == pytest.approx(100, abs=1e-9)   # shown, though excluded
    assert missing["quality"] is None and missing["rank"] is None and missing["complete"] is False
    assert missing["criteria"]["Q1"]["professional"] is None
    assert missing["criteria"]["Q1"]["youth"] == 5.0             # reported even where n is missing
