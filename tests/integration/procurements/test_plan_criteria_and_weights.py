"""The plan editor: criteria (from the library and written inline) and the weights page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.integration.procurements.conftest import events, refresh

URL = "/procurements/BUILD-1/plan"


@pytest.fixture
def section(officer_client, draft):
    officer_client.post(f"{URL}/sections", data={"name": "Data security", "weight": "100"})
    return refresh(draft["procurement"]).sections[0]


def test_library_search_lists_matching_criteria_not_already_in_the_plan(officer_client, section):
    page = officer_client.get(f"{URL}/sections/{section.id}/library?q=data+security").get_data(as_text=True)
    assert "CSC08 Data security and data protection" in page and "CSC10 Reports run directly" not in page
    officer_client.post(f"{URL}/sections/{section.id}/library", data={"criteria": ["csc.data-security"]})
    page = officer_client.get(f"{URL}/sections/{section.id}/library?q=data+security").get_data(as_text=True)
    assert "CSC08 Data security" not in page


def test_a_library_criterion_brings_its_code_question_and_guidance(officer_client, draft, section):
    from workbench.library.loader import load_library

    item = load_library().criterion("csc.data-security")
    response = officer_client.post(f"{URL}/sections/{section.id}/library", data={"criteria": ["csc.data-security"]})
    assert response.status_code == 302
    [criterion] = refresh(draft["procurement"]).criteria
    assert (criterion.code, criterion.question, criterion.library_id) == ("CSC08", item.question, item.id)
    assert criterion.guidance["excellent"] == item.guidance.excellent and criterion.weight == Decimal(60)
    assert events("plan.criterion_added")[0].after["code"] == "CSC08"


def test_picking_nothing_is_an_error(officer_client, section):
    response = officer_client.post(f"{URL}/sections/{section.id}/library", data={})
    assert "Select at least one criterion to add" in response.get_data(as_text=True)


def test_inline_criterion_validation_and_edit(officer_client, draft, section):
    data = {"code": "LOC-1", "title": "Local hosting", "question": "Where is data held?", "kind": "pass_fail",
            "weight": "10", "youth_share": "0", "section": str(section.id)}
    response = officer_client.post(f"{URL}/sections/{section.id}/criteria/new", data=data)
    assert "A pass/fail criterion carries no weight: enter 0" in response.get_data(as_text=True)
    response = officer_client.post(f"{URL}/sections/{section.id}/criteria/new", data=data | {
        "kind": "scored", "weight": "40", "min_score": "9"})
    assert "Minimum score must be on the scale, from 0 to 5" in response.get_data(as_text=True)
    assert officer_client.post(f"{URL}/sections/{section.id}/criteria/new", data=data | {
        "kind": "scored", "weight": "40", "min_score": "2", "youth_share": "25"}).status_code == 302
    response = officer_client.post(f"{URL}/sections/{section.id}/criteria/new", data=data | {"weight": "0"})
    assert "Criterion LOC-1 is already in this procurement" in response.get_data(as_text=True)
    [criterion] = refresh(draft["procurement"]).criteria
    assert (criterion.origin, criterion.min_score, criterion.youth_share) == ("inline", 2, 25)
    assert officer_client.post(f"{URL}/criteria/{criterion.id}", data=data | {
        "kind": "scored", "weight": "55", "title": "Hosting in the UK"}).status_code == 302
    criterion = refresh(draft["procurement"]).criteria[0]
    assert (criterion.title, criterion.weight, criterion.min_score) == ("Hosting in the UK", 55, None)
    [changed] = events("plan.criterion_changed")
    assert changed.before["weight"] == "40" and changed.after["weight"] == "55"


def test_criteria_move_within_a_section_and_are_removed(officer_client, draft, section):
    officer_client.post(f"{URL}/sections/{section.id}/library",
                        data={"criteria": ["csc.data-security", "csc.direct-reporting"]})
    first, second = refresh(draft["procurement"]).criteria
    officer_client.post(f"{URL}/criteria/{second.id}/move", data={"direction": "up"})
    assert [c.code for c in refresh(draft["procurement"]).sections[0].criteria] == [second.code, first.code]
    assert officer_client.post(f"{URL}/criteria/{first.id}/remove", data={}).status_code == 302
    assert [c.code for c in refresh(draft["procurement"]).criteria] == [second.code]
    assert events("plan.criterion_removed")[0].before["code"] == first.code


def test_weights_page_names_the_level_and_its_sum(officer_client, draft, section):
    officer_client.post(f"{URL}/sections", data={"name": "Compliance", "weight": "0"})
    officer_client.post(f"{URL}/sections/{section.id}/library",
                        data={"criteria": ["csc.data-security", "csc.direct-reporting"]})
    compliance = refresh(draft["procurement"]).sections[1]
    officer_client.post(f"{URL}/sections/{compliance.id}/library", data={"criteria": ["csc.uk-gdpr-dpia"]})
    security, reporting = refresh(draft["procurement"]).sections[0].criteria
    page = officer_client.get(f"{URL}/weights").get_data(as_text=True)
    assert "add up to <span class=\"app-sum\" aria-live=\"polite\">80</span>" in page  # 60 + 20 suggested
    form = {f"section-{section.id}": "90", f"section-{compliance.id}": "0",
            f"criterion-{security.id}": "70", f"criterion-{reporting.id}": "20"}
    response = officer_client.post(f"{URL}/weights", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Criterion weights in section &#39;Data security&#39; add up to 90, not 100" in page
    assert "Section weights add up to 90, not 100" in page
    assert 'value="70"' in page  # keeps what was typed
    assert refresh(draft["procurement"]).sections[0].criteria[0].weight == 60 and events("plan.weights_changed") == []
    response = officer_client.post(f"{URL}/weights", data=form | {f"criterion-{reporting.id}": "lots"})
    assert "Enter the weight of CSC10 as a number" in response.get_data(as_text=True)
    response = officer_client.post(f"{URL}/weights", data=form | {
        f"section-{section.id}": "100", f"criterion-{reporting.id}": "29.999", f"criterion-{security.id}": "70.0005"})
    assert response.status_code == 302  # within ±0.001
    procurement = refresh(draft["procurement"])
    assert procurement.sections[0].criteria[1].weight == Decimal("29.999")
    [event] = events("plan.weights_changed")
    assert event.before["criteria"]["CSC08"] == "60" and event.after["criteria"]["CSC08"] == "70.0005"


def test_pass_fail_only_section_must_weigh_nothing(officer_client, draft):
    officer_client.post(f"{URL}/sections", data={"name": "Compliance", "weight": "0"})
    compliance = refresh(draft["procurement"]).sections[0]
    officer_client.post(f"{URL}/sections/{compliance.id}/library", data={"criteria": ["csc.uk-gdpr-dpia"]})
    response = officer_client.post(f"{URL}/weights", data={f"section-{compliance.id}": "10"})
    assert "Section &#39;Compliance&#39; has only pass/fail criteria, so its weight must be 0, not 10" in \
        response.get_data(as_text=True)


def test_a_pass_fail_criterion_gives_no_share_to_young_people(section):
    """The plan file refuses it (library/plans.check_plan); the editor does too, so results never wait for young
    people's answers on a pass/fail criterion."""
    from workbench.procurements.editor import EditorError, add_inline_criterion

    with pytest.raises(EditorError, match="gives no share to young people") as refused:
        add_inline_criterion(section, actor="test", code="PF9", title="Certificate", question="", kind="pass_fail",
                             weight=Decimal(0), min_score=None, youth_share=Decimal(50))
    assert refused.value.field == "youth_share"
    assert not refresh(section.procurement).criteria
