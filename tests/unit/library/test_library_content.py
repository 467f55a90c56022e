"""The shipped criteria library: it loads cleanly and holds what the guidance asks for."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.library import REPO_ROOT, Library, load_library, validate_path


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def test_shipped_library_has_no_problems() -> None:
    assert validate_path(REPO_ROOT) == []
    assert validate_path(REPO_ROOT / "criteria") == []
    assert validate_path(REPO_ROOT / "questionnaires") == []
    for path in sorted((REPO_ROOT / "questionnaires").glob("*.yaml")):
        assert validate_path(path) == []


def test_default_scale(library: Library) -> None:
    scale = library.scale("default-0-5")
    assert scale is not None
    assert [(lv.value, lv.label) for lv in scale.levels] == [
        (0, "Unacceptable"), (1, "Poor"), (2, "Weak"), (3, "Satisfactory"), (4, "Good"), (5, "Excellent")]
    assert all(lv.descriptor for lv in scale.levels)
    assert library.scale_with_bounds(0, 5) is scale
    assert {s.id for s in library.scales} == {"default-0-5", "0-10", "1-5"}
    ten = library.scale("0-10")
    assert ten is not None and (ten.min, ten.max, len(ten.levels)) == (0, 10, 11)


CHILDREN = {
    "csc.social-worker-involvement": "CSC01",
    "csc.functions": "CSC02",
    "csc.minimise-data-entry": "CSC03",
    "csc.keeping-up-to-date": "CSC04",
    "csc.monitoring-and-feedback": "CSC05",
    "csc.prioritising-iterations": "CSC06",
    "csc.performance-measures": "CSC07",
    "csc.data-security": "CSC08",
    "csc.controlled-access": "CSC09",
    "csc.direct-reporting": "CSC10",
    "csc.data-warehouse": "CSC11",
    "csc.light-reporting": "CSC12",
    "csc.changing-data-requirements": "CSC13",
    "csc.near-real-time": "CSC14",
    "csc.statutory-data": "CSC15",
    "csc.child-outcome-measures": "CSC16",
    "csc.children-in-design": "CSC17",
    "csc.child-access-to-records": "CSC18",
    "csc.cyber-essentials-plus": "CSC19",
    "csc.uk-gdpr-dpia": "CSC20",
    "csc.uk-hosting": "CSC21",
    "csc.accessibility": "CSC22",
    "csc.data-exit": "CSC23",
}


def test_childrens_set_covers_every_point_of_the_guidance(library: Library) -> None:
    criteria_set = library.criteria_set("childrens-case-management")
    assert criteria_set is not None
    assert {c.id: c.code for c in criteria_set.criteria} == CHILDREN
    pass_fail = {c.code for c in criteria_set.criteria if c.kind == "pass_fail"}
    assert pass_fail == {"CSC19", "CSC20", "CSC21", "CSC22", "CSC23"}
    involvement = library.criterion("csc.social-worker-involvement")
    assert involvement is not None
    assert "design, testing and sign-off" in involvement.question
    assert involvement.section == "Working with social workers"


def test_adult_set(library: Library) -> None:
    criteria_set = library.criteria_set("adult-digital-contracts")
    assert criteria_set is not None
    assert [c.code for c in criteria_set.criteria] == [f"ADC{n:02d}" for n in range(1, 20)]
    titles = " ".join(c.title.lower() for c in criteria_set.criteria)
    for words in ("operational impact", "uptime", "near misses", "escalation", "corrective action",
                  "review cycles", "decision", "audit trail", "data integrity", "safeguarding", "visit assurance"):
        assert words in titles, words


def test_every_criterion_is_complete(library: Library) -> None:
    codes = [c.code for c in library.criteria]
    assert len(codes) == len(set(codes))
    for criteria_set in library.sets:
        names = [s.name for s in criteria_set.sections]
        for c in criteria_set.criteria:
            assert c.title and c.question and c.evidence, c.id
            assert c.guidance.poor and c.guidance.satisfactory, c.id
            assert c.section in names
            if c.kind == "scored":
                assert c.guidance.excellent, c.id
                assert c.suggested_weight is not None and c.suggested_weight > 0
            else:
                assert c.suggested_weight is None
        # the suggestions make a plan that passes the weight rule as it stands
        scored_sections = [s for s in criteria_set.sections if criteria_set.in_section(s.name)
                           and any(c.kind == "scored" for c in criteria_set.in_section(s.name))]
        assert sum(s.weight for s in scored_sections) == 100
        for section in scored_sections:
            assert sum(c.suggested_weight or 0 for c in criteria_set.in_section(section.name)) == 100


def test_young_people_versions_where_they_fit(library: Library) -> None:
    csc = library.criterion("csc.child-access-to-records")
    assert csc is not None and csc.young_people is not None
    assert csc.young_people.startswith("Could you see what your social worker wrote about you")
    assert library.criterion("csc.cyber-essentials-plus").young_people is None  # type: ignore[union-attr]


def test_young_people_form(library: Library) -> None:
    form = library.form("case-management-young-people")
    assert form is not None
    assert [(q.id, q.criteria) for q in form.questions] == [
        ("YP1", ("CSC18", "CSC16")),
        ("YP2", ("CSC03", "CSC01")),
        ("YP3", ("CSC08", "CSC09")),
        ("YP4", ("CSC16",)),
        ("YP5", ("CSC16", "CSC14")),
        ("YP6", ("CSC18",)),
        ("YP7", ("CSC17",)),
        ("YP8", ("CSC05",)),
    ]
    texts = [q.text for q in form.questions]
    for text in ("Could you see what your social worker wrote about you?",
                 "Would this help your social worker spend more time with you?",
                 "Would your information be kept safe?"):
        assert text in texts
    assert [(a.value, a.label) for a in form.answers] == [
        (1, "Really bad"), (2, "Bad"), (3, "OK"), (4, "Good"), (5, "Really good")]
    assert form.not_sure == "Not sure"
    assert form.better_prompt == "What would make it better?"


def test_supplier_questionnaires(library: Library) -> None:
    questionnaire = library.questionnaire_for_set("childrens-case-management")
    assert questionnaire is not None and questionnaire.id == "case-management-supplier"
    assert questionnaire.item("csc.functions").word_limit == 1500
    assert {i.criterion for i in questionnaire.items} == set(CHILDREN)
    adult = library.supplier_questionnaire("adult-digital-contracts-supplier")
    assert adult is not None
    assert adult.item("adc.corrective-action").word_limit == 750  # the default


def test_contract_templates(library: Library) -> None:
    availability = library.kpi_template("KPI1")
    assert availability is not None
    assert (availability.title, availability.direction, availability.period) == (
        "System availability", "higher", "month")
    assert (availability.target, availability.approaching, availability.requires_improvement) == (
        Decimal("99.5"), Decimal("99.0"), Decimal("98.0"))
    assert availability.rating(Decimal("99.2")) == "Approaching target"
    assert availability.rating(Decimal("97")) == "Inadequate"
    p1_time = library.kpi_template("KPI6")
    assert p1_time is not None and p1_time.direction == "lower"
    assert p1_time.rating(Decimal(30)) == "Good"
    assert p1_time.rating(Decimal(50)) == "Requires improvement"
    p1 = library.sla_template("P1")
    assert p1 is not None
    assert (p1.respond_within, p1.resolve_within, p1.respond_minutes, p1.resolve_minutes, p1.clock) == (
        "30m", "4h", 30, 240, "24x7")
    assert [s.severity for s in library.sla_templates] == ["P1", "P2", "P3", "P4"]


def test_lookups(library: Library) -> None:
    assert library.by_code("csc11") is library.criterion("csc.data-warehouse")
    assert library.by_code("NOPE") is None
    assert library.criterion("nope") is None
    assert library.form("nope") is None


def test_search_finds_by_keyword(library: Library) -> None:
    assert [c.code for c in library.search("data warehouse")] == ["CSC11"]
    assert [c.code for c in library.search("ADC04")] == ["ADC04"]
    assert "CSC19" in [c.code for c in library.search("cyber essentials")]
    near_miss = [c.code for c in library.search("NEAR MISSES")]
    assert near_miss[0] == "ADC04"
    # guidance text counts too: "hypercare" appears nowhere, "penetration" only in CSC08's text
    assert library.search("hypercare") == []
    assert [c.code for c in library.search("penetration")] == ["CSC08"]
    assert len(library.search("")) == len(library.criteria)
