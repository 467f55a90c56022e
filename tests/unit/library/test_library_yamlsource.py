"""YAML reading with file:line problems: exact numbers, duplicate keys, syntax errors, pydantic errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import BaseModel, ConfigDict

from workbench.library.yamlsource import YamlStr, field_path, load_yaml, validate_model
from workbench.problems import ProblemsError


def problems(exc: pytest.ExceptionInfo[ProblemsError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_scalars_are_read_as_written() -> None:
    data = load_yaml("x.yaml", (
        "a: 33.3\n"
        "b: 18:00\n"
        "c: 08:00\n"
        "d: 2026-04-01\n"
        "e: no\n"
        "f: 010\n"
        "g: 1_200_000\n"
        "h: 0.1\n"
        "i: true\n"
        "j: 1e3\n"
        "k: ~\n"
    )).data
    assert data == {
        "a": Decimal("33.3"), "b": "18:00", "c": "08:00", "d": dt.date(2026, 4, 1), "e": "no", "f": 10,
        "g": 1200000, "h": Decimal("0.1"), "i": True, "j": Decimal("1e3"), "k": None,
    }
    assert str(data["a"]) == "33.3"


def test_duplicate_key_names_file_and_both_lines() -> None:
    with pytest.raises(ProblemsError) as exc:
        load_yaml("plans/x.yaml", "title: A\nsections:\n  - name: S\n    weight: 1\n    weight: 2\n")
    assert problems(exc) == ["plans/x.yaml:5: Duplicate key 'weight' (first given on line 4)"]


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(ProblemsError) as exc:
        load_yaml("plans/x.yaml", "title: A\nreference: B\nscale: {min: 0, max: 5\nquality_weight: 70\n")
    [problem] = exc.value.problems
    assert problem.file == "plans/x.yaml"
    assert problem.line == 4
    assert problem.message == (
        "YAML syntax error: expected ',' or '}', but got ':' (while parsing a flow mapping on line 3)")


def test_missing_file(tmp_path) -> None:
    with pytest.raises(ProblemsError) as exc:
        load_yaml(tmp_path / "nope.yaml")
    assert problems(exc) == [f"{tmp_path / 'nope.yaml'}: File not found"]


def test_display_name_and_text(tmp_path) -> None:
    sourced = load_yaml(tmp_path / "a.yaml", "a: 1\n", display_name="upload.yaml")
    assert sourced.file == "upload.yaml"
    assert sourced.data == {"a": 1}


def test_line_of_deepest_existing_node() -> None:
    sourced = load_yaml("x.yaml", (
        "title: A\n"               # 1
        "sections:\n"              # 2
        "  - name: S\n"            # 3
        "    criteria:\n"          # 4
        "      - code: Q1\n"       # 5
        "        weight: 40\n"     # 6
        "      - {code: Q2,\n"     # 7
        "         weight: 60}\n"   # 8
    ))
    assert sourced.line_of(()) == 1
    assert sourced.line_of(("sections",)) == 2
    assert sourced.line_of(("sections", 0)) == 3
    assert sourced.line_of(("sections", 0, "criteria", 0, "weight")) == 6
    assert sourced.line_of(("sections", 0, "criteria", 1, "weight")) == 8
    assert sourced.line_of(("sections", 0, "criteria", 1, "missing")) == 7
    assert sourced.line_of(("sections", 5, "name")) == 2
    assert load_yaml("empty.yaml", "").line_of(("a",)) is None


def test_field_path() -> None:
    assert field_path(("sections", 0, "criteria", 1, "weight")) == "sections[0].criteria[1].weight"
    assert field_path(()) == ""
    assert field_path(("title",)) == "title"


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    weight: Decimal


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    criteria: list[Criterion]


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: YamlStr
    sections: list[Section]


def test_validate_model_reports_every_error_by_line_and_field() -> None:
    sourced = load_yaml("plans/x.yaml", (
        "start: 2026-04-01\n"       # 1
        "sections:\n"               # 2
        "  - name: S\n"             # 3
        "    criteria:\n"           # 4
        "      - code: Q1\n"        # 5
        "        weight: 40\n"      # 6
        "      - code: Q2\n"        # 7
        "        weight: lots\n"    # 8
        "  - criteria: []\n"        # 9
        "    colour: blue\n"        # 10
    ))
    with pytest.raises(ProblemsError) as exc:
        validate_model(Doc, sourced)
    assert problems(exc) == [
        "plans/x.yaml:8: sections[0].criteria[1].weight: Input should be a valid number",
        "plans/x.yaml:9: sections[1].name: Required field is missing",
        "plans/x.yaml:10: sections[1].colour: Unknown field; the fields allowed here are: name, criteria",
    ]


def test_validate_model_accepts_dates_as_text() -> None:
    doc = validate_model(Doc, load_yaml("x.yaml", "start: 2026-04-01\nsections: []\n"))
    assert doc.start == "2026-04-01"


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    with pytest.raises(ProblemsError) as exc:
        load_yaml("bomb.yaml", "\n".join(lines) + "\n")
    assert problems(exc) == ["bomb.yaml:1: The document expands to more than 200,000 values (through aliases?)"]


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ProblemsError) as exc:
        load_yaml("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems(exc) == ["deep.yaml:1: The document is nested too deeply"]


@pytest.mark.parametrize("text", ["reference: X\x01\n", "\x07", "title: ok\nsupplier: \x1f\n"])
def test_a_control_character_is_a_problem_not_a_crash(text: str) -> None:
    with pytest.raises(ProblemsError) as raised:
        load_yaml("contract.yaml", text)
    assert len(raised.value.problems) == 1
    assert raised.value.problems[0].file == "contract.yaml" and "YAML" in raised.value.problems[0].message
