"""Broken copies of the library fail, naming the file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.library import REPO_ROOT, load_library, validate_path
from workbench.problems import ProblemsError


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO_ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(REPO_ROOT / "questionnaires", tmp_path / "questionnaires")
    return tmp_path


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file; return the (1-based) line where it started."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def messages(path: Path) -> list[str]:
    return [str(p) for p in validate_path(path)]


def test_load_library_raises_every_problem_without_a_cascade(copy: Path) -> None:
    children = copy / "criteria" / "childrens-case-management.yaml"
    scales = copy / "criteria" / "scales.yaml"
    line_a = edit(children, "    code: CSC02\n", "    code: CSC01\n")
    line_b = edit(children, "    suggested_weight: 30\n", "    suggested_weight: thirty\n")
    line_c = edit(scales, "        label: Weak\n", "        label: ''\n")
    with pytest.raises(ProblemsError) as exc:
        load_library(copy / "criteria", copy / "questionnaires")
    # the broken set cannot be read, so forms and questionnaires that refer to it are not checked against it
    assert [str(p) for p in exc.value.problems] == [
        f"{children}:{line_b}: criteria[1].suggested_weight: Input should be a valid number",
        f"{scales}:{line_c}: scales[0].levels[2].label: Must not be empty",
    ]
    edit(children, "    suggested_weight: thirty\n", "    suggested_weight: 30\n")
    with pytest.raises(ProblemsError) as exc:
        load_library(copy / "criteria", copy / "questionnaires")
    first = children.read_text().count("\n", 0, children.read_text().index("code: CSC01")) + 1
    assert [str(p) for p in exc.value.problems] == [
        f"{children}:{line_a}: criteria[1].code: Duplicate criterion code 'CSC01' (first given on line {first})",
        f"{scales}:{line_c}: scales[0].levels[2].label: Must not be empty",
    ]


def test_bad_yaml_syntax(copy: Path) -> None:
    scales = copy / "criteria" / "scales.yaml"
    line = edit(scales, "    min: 0\n    max: 5\n", "    min: [0\n    max: 5\n")
    [problem] = validate_path(scales)
    assert problem.file == str(scales)
    assert problem.line == line + 1
    assert problem.message.startswith("YAML syntax error: ")


def test_duplicate_key(copy: Path) -> None:
    scales = copy / "criteria" / "scales.yaml"
    line = edit(scales, "    min: 0\n    max: 5\n", "    min: 0\n    min: 1\n    max: 5\n")
    assert messages(scales) == [f"{scales}:{line + 1}: Duplicate key 'min' (first given on line {line})"]


def test_missing_required_field(copy: Path) -> None:
    children = copy / "criteria" / "childrens-case-management.yaml"
    line = edit(children, "    title: Functions available in the system\n", "")
    item = line - 2  # the "- id:" line of the criterion that lost its title
    assert messages(copy / "criteria") == [
        f"{children}:{item}: criteria[1].title: Required field is missing"]


def test_wrong_type_and_unknown_field(copy: Path) -> None:
    adult = copy / "criteria" / "adult-digital-contracts.yaml"
    line = edit(adult, "    kind: scored\n", "    kind: graded\n    colour: red\n")
    assert messages(adult) == [
        f"{adult}:{line}: criteria[0].kind: Input should be 'scored' or 'pass_fail'",
        f"{adult}:{line + 1}: criteria[0].colour: Unknown field; the fields allowed here are: id, code, title, "
        "question, guidance, evidence, kind, suggested_weight, section, young_people",
    ]


def test_duplicate_code_across_files(copy: Path) -> None:
    adult = copy / "criteria" / "adult-digital-contracts.yaml"
    children = copy / "criteria" / "childrens-case-management.yaml"
    line = edit(adult, "    code: ADC05\n", "    code: csc03\n")
    first = children.read_text().split("\n").index("    code: CSC03") + 1
    assert messages(copy / "criteria") == [
        f"{children}:{first}: criteria[2].code: Duplicate criterion code 'CSC03' "
        f"(first given at {adult}:{line})"]


def test_duplicate_criterion_id(copy: Path) -> None:
    children = copy / "criteria" / "childrens-case-management.yaml"
    first = children.read_text().split("\n").index("  - id: csc.social-worker-involvement") + 1
    line = edit(children, "  - id: csc.functions\n", "  - id: csc.social-worker-involvement\n")
    assert messages(children) == [
        f"{children}:{line}: criteria[1].id: Duplicate criterion id 'csc.social-worker-involvement' "
        f"(first given on line {first})"]


def test_scale_levels_must_be_contiguous(copy: Path) -> None:
    scales = copy / "criteria" / "scales.yaml"
    edit(scales, "      - value: 3\n        label: Satisfactory\n", "      - value: 6\n        label: Satisfactory\n")
    levels = scales.read_text().split("\n").index("    levels:") + 1
    assert messages(scales) == [
        f"{scales}:{levels}: scales[0].levels: Levels must run from 0 to 5, one level each "
        "(missing 3; outside the scale: 6)"]


def test_suggested_weight_must_be_positive(copy: Path) -> None:
    children = copy / "criteria" / "childrens-case-management.yaml"
    line = edit(children, "    suggested_weight: 40\n", "    suggested_weight: 0\n")
    assert messages(children) == [
        f"{children}:{line}: criteria[0].suggested_weight: A suggested weight must be positive, not 0"]


def test_pass_fail_has_no_suggested_weight(copy: Path) -> None:
    children = copy / "criteria" / "childrens-case-management.yaml"
    line = edit(children, "    kind: pass_fail\n", "    kind: pass_fail\n    suggested_weight: 10\n")
    assert messages(children) == [
        f"{children}:{line + 1}: criteria[18].suggested_weight: A pass/fail criterion carries no weight: "
        "remove suggested_weight"]


def test_unknown_section(copy: Path) -> None:
    children = copy / "criteria" / "childrens-case-management.yaml"
    line = edit(children, "    section: Working with social workers\n", "    section: Working with social worker\n")
    [message] = messages(children)
    assert message.startswith(f"{children}:{line}: criteria[0].section: Section 'Working with social worker' "
                              "is not one of this set's sections (")
    assert message.endswith("(did you mean 'Working with social workers'?)")


def test_form_must_map_to_existing_codes(copy: Path) -> None:
    form = copy / "questionnaires" / "case-management-young-people.yaml"
    line = edit(form, "    criteria: [CSC17]\n", "    criteria: [CSC-17]\n")
    expected = [f"{form}:{line}: questions[6].criteria[0]: Unknown criterion code 'CSC-17' (did you mean 'CSC17'?)"]
    assert messages(form) == expected
    assert messages(copy / "questionnaires") == expected
    assert messages(copy) == expected


def test_form_cannot_map_to_pass_fail(copy: Path) -> None:
    form = copy / "questionnaires" / "case-management-young-people.yaml"
    line = edit(form, "    criteria: [CSC17]\n", "    criteria: [CSC19]\n")
    assert messages(form) == [
        f"{form}:{line}: questions[6].criteria[0]: Criterion CSC19 is pass/fail: young people's answers can "
        "only count towards scored criteria"]


def test_form_answers_are_fixed(copy: Path) -> None:
    form = copy / "questionnaires" / "case-management-young-people.yaml"
    line = edit(form, "  - {value: 5, label: Really good}\n", "")
    answers = line - 5
    assert messages(form) == [
        f"{form}:{answers}: answers: The young people's answers are the values 1, 2, 3, 4, 5 in order, "
        "not 1, 2, 3, 4"]


def test_questionnaire_must_name_existing_criteria(copy: Path) -> None:
    questionnaire = copy / "questionnaires" / "adult-digital-contracts-supplier.yaml"
    line = edit(questionnaire, "  - criterion: adc.dspt\n", "  - criterion: csc.uk-hosting\n")
    assert messages(questionnaire) == [
        f"{questionnaire}:{line}: items[15].criterion: Criterion 'csc.uk-hosting' belongs to set "
        "'childrens-case-management', not to this questionnaire's set 'adult-digital-contracts'"]


def test_kpi_bands_in_order(copy: Path) -> None:
    kpis = copy / "criteria" / "contract-kpis.yaml"
    line = edit(kpis, "  - code: KPI1\n", "  - code: KPI1\n")
    edit(kpis, "    approaching: 99.0\n", "    approaching: 99.9\n")
    assert messages(kpis) == [
        f"{kpis}:{line}: kpis[0]: For direction 'higher' the bands must run target ≥ approaching ≥ "
        "requires_improvement, not 99.5, 99.9, 98.0"]


def test_sla_duration(copy: Path) -> None:
    kpis = copy / "criteria" / "contract-kpis.yaml"
    line = edit(kpis, "    respond_within: 30m\n", "    respond_within: half an hour\n")
    assert messages(kpis) == [
        f"{kpis}:{line}: slas[0].respond_within: Write a duration such as 30m, 4h, 2d or 1h30m, "
        "not 'half an hour'"]


def test_file_without_kind(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("scales: []\n")
    assert messages(path) == [
        f"{path}:1: kind: Required field is missing: say what the file holds, one of: scales, criteria_set, "
        "contract_templates, young_people_form, supplier_questionnaire"]
    path.write_text("kind: recipes\n")
    assert messages(path) == [
        f"{path}:1: kind: Unknown kind 'recipes'; expected one of: scales, criteria_set, contract_templates, "
        "young_people_form, supplier_questionnaire"]


def test_missing_path(tmp_path: Path) -> None:
    assert messages(tmp_path / "nope") == [f"{tmp_path / 'nope'}: No such file or directory"]
