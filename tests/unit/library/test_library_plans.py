"""Evaluation plan files: the documented format loads; every broken copy names file, line and field."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.library import (
    REPO_ROOT,
    Library,
    Plan,
    PlanCriterion,
    PlanScale,
    PlanSection,
    PlanSupplier,
    YoungPeopleForm,
    YoungPeopleQuestion,
    check_plan,
    load_library,
    load_plan,
)
from workbench.problems import ProblemsError

PLAN = """\
title: Children's social care case management system
reference: CSC-2026-01
scale: {min: 0, max: 5}
quality_weight: 70
price_weight: 30
price_method: lowest
young_people_form: case-management-young-people
sections:
  - name: Working with social workers
    weight: 60
    criteria:
      - ref: csc.social-worker-involvement
        weight: 60
        min_score: 2
        youth_share: 25
      - code: Q2
        title: Minimising data entry
        question: How does the system avoid entering the same data twice?
        weight: 40
  - name: Children and young people
    weight: 40
    criteria:
      - {ref: csc.child-outcome-measures, weight: 33.3, youth_share: 40}
      - {ref: csc.child-access-to-records, title: Records children can read, weight: 66.7, youth_share: 50}
  - name: Compliance
    weight: 0
    criteria:
      - {code: PF1, title: Cyber Essentials Plus certificate, kind: pass_fail}
suppliers:
  - {name: Alpha Care Systems Ltd, price: 1200000}
  - {name: Beta Case Software Ltd, price: 999999.99}
evaluators:
  - {email: sam.patel@council.example, name: Sam Patel}
"""


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def line_of(text: str, marker: str) -> int:
    assert marker in text, marker
    return text.count("\n", 0, text.index(marker)) + 1


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def changed(old: str, new: str, text: str = PLAN) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems(tmp_path: Path, library: Library, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(ProblemsError) as exc:
        load_plan(path, library)
    for problem in exc.value.problems:
        assert problem.file == str(path)
    return [str(p).removeprefix(f"{path}:") for p in exc.value.problems]


# ------------------------------------------------------------------------------------------- good plans


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO_ROOT / "examples" / "plans").glob("*.yaml")))
def test_shipped_example_plans_load(name: str, library: Library) -> None:
    plan = load_plan(REPO_ROOT / "examples" / "plans" / name, library)
    assert plan.reference
    assert check_plan(plan, library) == []


def test_shipped_examples_are_as_described(library: Library) -> None:
    children = load_plan(REPO_ROOT / "examples/plans/childrens-case-management.yaml", library)
    assert children.young_people_form is not None
    assert len(children.suppliers) == 4 and all(s.price for s in children.suppliers)
    assert len(children.evaluators) == 3
    assert any(c.youth_share > 0 for c in children.criteria)
    assert any(c.min_score is not None for c in children.criteria)
    assert [s.name for s in children.sections if s.weight == 0] == ["Compliance"]
    adult = load_plan(REPO_ROOT / "examples/plans/adult-care-scheduling.yaml", library)
    assert (adult.price_method, adult.young_people_form) == ("linear", None)
    assert {c.library_id.split(".")[0] for c in adult.criteria if c.library_id} == {"adc"}


def test_documented_format_loads(tmp_path: Path, library: Library) -> None:
    plan = load_plan(write(tmp_path, PLAN), library)
    assert (plan.title, plan.reference, plan.price_method) == (
        "Children's social care case management system", "CSC-2026-01", "lowest")
    assert (plan.quality_weight, plan.price_weight) == (Decimal(70), Decimal(30))
    assert plan.scale.id == "default-0-5"
    assert (plan.scale.min, plan.scale.max) == (0, 5)
    assert [(v, label) for v, label, _ in plan.scale.levels] == [
        (0, "Unacceptable"), (1, "Poor"), (2, "Weak"), (3, "Satisfactory"), (4, "Good"), (5, "Excellent")]

    [social, children, compliance] = plan.sections
    assert (social.name, social.weight) == ("Working with social workers", Decimal(60))
    [involvement, q2] = social.criteria
    library_criterion = library.criterion("csc.social-worker-involvement")
    assert library_criterion is not None
    assert involvement == PlanCriterion(
        code="CSC01", title=library_criterion.title, question=library_criterion.question,
        guidance=library_criterion.guidance, evidence=library_criterion.evidence, kind="scored",
        weight=Decimal(60), min_score=Decimal(2), youth_share=Decimal(25),
        library_id="csc.social-worker-involvement", young_people_text=library_criterion.young_people,
        origin="library")
    assert (q2.code, q2.title, q2.kind, q2.weight, q2.origin, q2.library_id) == (
        "Q2", "Minimising data entry", "scored", Decimal(40), "inline", None)
    assert q2.question == "How does the system avoid entering the same data twice?"
    assert (q2.guidance.poor, q2.min_score, q2.youth_share) == ("", None, Decimal(0))
    assert children.criteria[1].title == "Records children can read"  # the plan overrides the title
    assert children.criteria[1].code == "CSC18"
    [pf1] = compliance.criteria
    assert (pf1.code, pf1.kind, pf1.weight, compliance.weight) == ("PF1", "pass_fail", Decimal(0), Decimal(0))
    assert plan.suppliers == (PlanSupplier("Alpha Care Systems Ltd", Decimal(1200000)),
                              PlanSupplier("Beta Case Software Ltd", Decimal("999999.99")))
    assert [(e.email, e.name) for e in plan.evaluators] == [("sam.patel@council.example", "Sam Patel")]


def test_numbers_keep_their_precision(tmp_path: Path, library: Library) -> None:
    plan = load_plan(write(tmp_path, PLAN), library)
    weights = [c.weight for c in plan.sections[1].criteria]
    assert weights == [Decimal("33.3"), Decimal("66.7")]
    assert [str(w) for w in weights] == ["33.3", "66.7"]
    assert sum(weights) == 100
    assert str(plan.suppliers[1].price) == "999999.99"


def test_library_form_keeps_only_what_maps_to_the_plan(tmp_path: Path, library: Library) -> None:
    plan = load_plan(write(tmp_path, PLAN), library)
    form = plan.young_people_form
    assert form is not None and form.id == "case-management-young-people"
    # CSC03, CSC08, CSC09, CSC14, CSC17 and CSC05 are not in this plan: their mappings (and YP3, YP7, YP8,
    # left with none) are dropped
    assert [(q.id, q.criteria) for q in form.questions] == [
        ("YP1", ("CSC18", "CSC16")),
        ("YP2", ("CSC01",)),
        ("YP4", ("CSC16",)),
        ("YP5", ("CSC16",)),
        ("YP6", ("CSC18",)),
    ]
    assert form.better_prompt == "What would make it better?"


def test_inline_form(tmp_path: Path, library: Library) -> None:
    text = changed(
        "young_people_form: case-management-young-people",
        'young_people_form: {title: Our panel, questions: [{id: YP1, text: "Could you see what your worker '
        'wrote?", criteria: [Q2, CSC16]}]}')
    form = load_plan(write(tmp_path, text), library).young_people_form
    assert form == YoungPeopleForm(id=None, title="Our panel", questions=(
        YoungPeopleQuestion("YP1", "Could you see what your worker wrote?", "", ("Q2", "CSC16")),))


def test_scale_by_id_and_by_unknown_bounds(tmp_path: Path, library: Library) -> None:
    plan = load_plan(write(tmp_path, changed("scale: {min: 0, max: 5}", "scale: 1-5")), library)
    assert (plan.scale.id, plan.scale.min, plan.scale.max) == ("1-5", 1, 5)
    plan = load_plan(write(tmp_path, changed("scale: {min: 0, max: 5}", "scale: {min: 1, max: 4}")), library)
    assert plan.scale == PlanScale(None, 1, 4, (
        (1, "Level 1", ""), (2, "Level 2", ""), (3, "Level 3", ""), (4, "Level 4", "")))


def test_pass_fail_section_weight_may_be_left_out(tmp_path: Path, library: Library) -> None:
    text = changed("  - name: Compliance\n    weight: 0\n", "  - name: Compliance\n")
    plan = load_plan(write(tmp_path, text), library)
    assert plan.sections[2].weight == Decimal(0)


def test_text_instead_of_file(library: Library) -> None:
    plan = load_plan(Path("upload.yaml"), library, text=PLAN)
    assert plan.reference == "CSC-2026-01"
    with pytest.raises(ProblemsError) as exc:
        load_plan(Path("upload.yaml"), library, text=changed("price_weight: 30", "price_weight: 20"))
    assert [str(p) for p in exc.value.problems] == [
        "upload.yaml:4: quality_weight: quality_weight and price_weight add up to 90, not 100"]


# -------------------------------------------------------------------------------------------- bad plans


def test_bad_yaml_syntax(tmp_path: Path, library: Library) -> None:
    text = changed("  - {name: Alpha Care Systems Ltd, price: 1200000}", "  - {name: Alpha Care Systems Ltd")
    [message] = problems(tmp_path, library, text)
    assert message.startswith(f"{line_of(text, '  - {name: Beta')}: YAML syntax error: ")


def test_duplicate_key(tmp_path: Path, library: Library) -> None:
    text = changed("        min_score: 2\n", "        min_score: 2\n        weight: 50\n")
    assert problems(tmp_path, library, text) == [
        f"{line_of(text, '        weight: 50')}: Duplicate key 'weight' (first given on line 13)"]


def test_missing_required_field(tmp_path: Path, library: Library) -> None:
    text = changed("price_method: lowest\n", "")
    assert problems(tmp_path, library, text) == ["1: price_method: Required field is missing"]
    text = changed("  - name: Children and young people\n    weight: 40\n", "  - weight: 40\n")
    assert problems(tmp_path, library, text) == [
        f"{line_of(text, '  - weight: 40')}: sections[1].name: Required field is missing"]


def test_inline_criterion_needs_code_and_title(tmp_path: Path, library: Library) -> None:
    text = changed("        title: Minimising data entry\n", "")
    assert problems(tmp_path, library, text) == [
        "16: sections[0].criteria[1].title: Required field is missing: an inline criterion needs 'code' and "
        "'title' (or give 'ref' to a library criterion)"]


def test_wrong_type(tmp_path: Path, library: Library) -> None:
    text = changed("weight: 33.3,", "weight: a third,")
    assert problems(tmp_path, library, text) == [
        "23: sections[1].criteria[0].weight: Input should be a valid number"]
    text = changed("sections:\n", "sections: Working with social workers\nx:\n")
    assert problems(tmp_path, library, text)[0] == "8: sections: Input should be a list"


def test_unknown_field(tmp_path: Path, library: Library) -> None:
    text = changed("        youth_share: 25\n", "        youth_shares: 25\n")
    assert problems(tmp_path, library, text) == [
        "15: sections[0].criteria[0].youth_shares: Unknown field; the fields allowed here are: ref, code, "
        "title, question, kind, guidance, evidence, young_people, weight, min_score, youth_share"]


def test_unknown_library_id(tmp_path: Path, library: Library) -> None:
    text = changed("ref: csc.social-worker-involvement", "ref: csc.social-worker-involvment")
    assert problems(tmp_path, library, text) == [
        "12: sections[0].criteria[0].ref: Unknown library criterion 'csc.social-worker-involvment' "
        "(did you mean 'csc.social-worker-involvement'?)"]
    text = changed("ref: csc.social-worker-involvement", "ref: no.such.thing")
    assert problems(tmp_path, library, text) == [
        "12: sections[0].criteria[0].ref: Unknown library criterion 'no.such.thing'"]


def test_code_cannot_be_given_with_ref(tmp_path: Path, library: Library) -> None:
    text = changed("        min_score: 2\n", "        min_score: 2\n        code: SW1\n")
    assert problems(tmp_path, library, text) == [
        "15: sections[0].criteria[0].code: 'code' cannot be given with 'ref': a library criterion's code comes "
        "from the library (write the criterion inline to set your own)"]


def test_duplicate_code(tmp_path: Path, library: Library) -> None:
    text = changed("{code: PF1,", "{code: q2,")
    assert problems(tmp_path, library, text) == [
        "28: sections[2].criteria[0].code: Duplicate criterion code 'q2' (first used at sections[0].criteria[1])"]
    text = changed("      - code: Q2\n", "      - code: CSC16\n")
    assert problems(tmp_path, library, text) == [
        "23: sections[1].criteria[0].code: Duplicate criterion code 'CSC16' "
        "(first used at sections[0].criteria[1])"]


def test_criterion_weights_not_summing(tmp_path: Path, library: Library) -> None:
    text = changed("        weight: 40\n", "        weight: 30\n")
    path = write(tmp_path, text)
    with pytest.raises(ProblemsError) as exc:
        load_plan(path, library)
    [problem] = exc.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 9, "sections[0]")
    assert problem.message == "Criterion weights in section 'Working with social workers' add up to 90, not 100"
    assert str(problem) == (
        f"{path}:9: sections[0]: Criterion weights in section 'Working with social workers' add up to 90, not 100")


def test_section_weights_not_summing(tmp_path: Path, library: Library) -> None:
    text = changed("  - name: Children and young people\n    weight: 40\n",
                   "  - name: Children and young people\n    weight: 40.5\n")
    assert problems(tmp_path, library, text) == ["8: sections: Section weights add up to 100.5, not 100"]


def test_pass_fail_weights(tmp_path: Path, library: Library) -> None:
    text = changed("kind: pass_fail}", "kind: pass_fail, weight: 10}")
    assert problems(tmp_path, library, text) == [
        "28: sections[2].criteria[0].weight: Pass/fail criterion PF1 in section 'Compliance' carries no weight"]
    text = changed("  - name: Compliance\n    weight: 0\n", "  - name: Compliance\n    weight: 5\n")
    assert problems(tmp_path, library, text) == [
        "26: sections[2].weight: Section 'Compliance' has only pass/fail criteria, so its weight must be 0, not 5"]


def test_scored_criterion_needs_a_weight(tmp_path: Path, library: Library) -> None:
    text = changed("        question: How does the system avoid entering the same data twice?\n        weight: 40\n",
                   "        question: How does the system avoid entering the same data twice?\n")
    assert problems(tmp_path, library, text) == [
        "9: sections[0]: Criterion weights in section 'Working with social workers' add up to 60, not 100",
        "16: sections[0].criteria[1].weight: Scored criterion Q2 needs a weight greater than 0, not 0",
    ]


def test_quality_and_price_weights(tmp_path: Path, library: Library) -> None:
    text = changed("quality_weight: 70", "quality_weight: 60")
    assert problems(tmp_path, library, text) == [
        "4: quality_weight: quality_weight and price_weight add up to 90, not 100"]


def test_price_method(tmp_path: Path, library: Library) -> None:
    text = changed("price_method: lowest", "price_method: cheapest")
    assert problems(tmp_path, library, text) == [
        "6: price_method: price_method must be 'lowest' or 'linear', not 'cheapest'"]


def test_min_score_outside_scale(tmp_path: Path, library: Library) -> None:
    text = changed("min_score: 2", "min_score: 6")
    assert problems(tmp_path, library, text) == [
        "14: sections[0].criteria[0].min_score: min_score 6 is outside the scale (0 to 5)"]
    text = changed("kind: pass_fail}", "kind: pass_fail, min_score: 1}")
    assert problems(tmp_path, library, text) == [
        "28: sections[2].criteria[0].min_score: min_score applies to scored criteria only; PF1 is pass/fail"]


def test_youth_share_range(tmp_path: Path, library: Library) -> None:
    text = changed("youth_share: 25", "youth_share: 125")
    assert problems(tmp_path, library, text) == [
        "15: sections[0].criteria[0].youth_share: youth_share must be between 0 and 100, not 125"]


def test_bad_form_mapping(tmp_path: Path, library: Library) -> None:
    text = changed(
        "young_people_form: case-management-young-people",
        "young_people_form:\n"
        "  title: Our panel\n"
        "  questions:\n"
        "    - {id: YP1, text: Could you see what your worker wrote, criteria: [Q2, CSC17]}\n"
        "    - {id: YP2, text: Would it keep you safe, criteria: [PF1]}\n")
    assert problems(tmp_path, library, text) == [
        "10: young_people_form.questions[0].criteria[1]: Question YP1 maps to criterion 'CSC17', which is not "
        "in this plan (did you mean 'CSC18'?)",
        "11: young_people_form.questions[1].criteria[0]: Question YP2 maps to PF1, which is pass/fail: young "
        "people's answers can only count towards scored criteria",
    ]


def test_unknown_form_and_scale(tmp_path: Path, library: Library) -> None:
    text = changed("young_people_form: case-management-young-people", "young_people_form: young-people")
    text = changed("scale: {min: 0, max: 5}", "scale: 0-6", text)
    assert problems(tmp_path, library, text) == [
        "3: scale: Unknown scale '0-6'; give a scale id (default-0-5, 0-10, 1-5) or bounds such as "
        "{min: 0, max: 5}",
        "7: young_people_form: Unknown young people's form 'young-people' "
        "(did you mean 'case-management-young-people'?)",
    ]


def test_suppliers_and_evaluators(tmp_path: Path, library: Library) -> None:
    text = changed("  - {name: Beta Case Software Ltd, price: 999999.99}",
                   "  - {name: alpha care systems  ltd, price: 0}")
    text = changed("  - {email: sam.patel@council.example, name: Sam Patel}",
                   "  - {email: sam.patel@council.example, name: Sam Patel}\n"
                   "  - {email: Sam.Patel@council.example, name: Sam}\n"
                   "  - {email: not-an-email, name: Nobody}", text)
    assert problems(tmp_path, library, text) == [
        "31: suppliers[1].name: Duplicate supplier 'alpha care systems  ltd' (first at suppliers[0])",
        "31: suppliers[1].price: A price must be greater than 0, not 0",
        "34: evaluators[1].email: Duplicate evaluator 'Sam.Patel@council.example' (first at evaluators[0])",
        "35: evaluators[2].email: Not a valid email address: 'not-an-email'",
    ]


def test_reference_format(tmp_path: Path, library: Library) -> None:
    text = changed("reference: CSC-2026-01", "reference: CSC 2026/01")
    assert problems(tmp_path, library, text) == [
        "2: reference: A reference uses letters, digits and single hyphens (at most 40 characters, "
        "e.g. CSC-2026-01), not 'CSC 2026/01'"]


def test_every_problem_is_reported_at_once(tmp_path: Path, library: Library) -> None:
    text = changed("quality_weight: 70", "quality_weight: 60")
    text = changed("min_score: 2", "min_score: 9", text)
    text = changed("ref: csc.child-outcome-measures", "ref: xyz", text)
    assert problems(tmp_path, library, text) == [
        "4: quality_weight: quality_weight and price_weight add up to 90, not 100",
        "14: sections[0].criteria[0].min_score: min_score 9 is outside the scale (0 to 5)",
        "23: sections[1].criteria[0].ref: Unknown library criterion 'xyz'",
    ]


def test_not_a_mapping(tmp_path: Path, library: Library) -> None:
    assert problems(tmp_path, library, "") == [
        "1: A plan file is a mapping of fields (title, reference, scale, quality_weight, price_weight, "
        "price_method, sections, suppliers, evaluators)"]


# ------------------------------------------------------------------------------------- check_plan (UI)


def built_plan() -> Plan:
    return Plan(
        title="Case management", reference="CSC-2026-02", scale=PlanScale(None, 0, 5),
        quality_weight=Decimal(80), price_weight=Decimal(20), price_method="linear", young_people_form=None,
        sections=[
            PlanSection("Practice", Decimal(100), [
                PlanCriterion("CSC01", "Social care expertise", weight=Decimal("33.3"),
                              library_id="csc.social-worker-involvement", origin="library"),
                PlanCriterion("Q2", "Minimising data entry", weight=Decimal("66.7")),
            ]),
            PlanSection("Compliance", Decimal(0), [PlanCriterion("PF1", "Cyber Essentials Plus", kind="pass_fail")]),
        ],
        suppliers=[PlanSupplier("Alpha", Decimal(100))])


def test_check_plan_on_a_built_plan(library: Library) -> None:
    plan = built_plan()
    assert isinstance(plan.sections, tuple) and isinstance(plan.sections[0].criteria, tuple)
    assert check_plan(plan, library) == []
    bad = replace(plan, sections=(
        replace(plan.sections[0], criteria=(
            replace(plan.sections[0].criteria[0], weight=Decimal(30)), plan.sections[0].criteria[1])),
        plan.sections[1]))
    [problem] = check_plan(bad, library)
    assert (problem.file, problem.line, problem.field) == ("evaluation plan", None, "sections[0]")
    assert problem.message == "Criterion weights in section 'Practice' add up to 96.7, not 100"
