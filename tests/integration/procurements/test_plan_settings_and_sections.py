"""The plan editor: scale and price, sections."""

from __future__ import annotations

from decimal import Decimal

from tests.integration.procurements.conftest import events, refresh

URL = "/procurements/BUILD-1/plan"


def test_settings_reject_a_split_that_does_not_add_up(officer_client, draft):
    response = officer_client.post(f"{URL}/settings", data={
        "scale": "default-0-5", "quality_weight": "60", "price_weight": "30", "price_method": "linear"})
    assert response.status_code == 200
    assert "Quality and price weights add up to 90, not 100" in response.get_data(as_text=True)
    assert refresh(draft["procurement"]).quality_weight == Decimal(70)
    assert events("plan.settings_changed") == []


def test_settings_save_a_library_scale_and_the_split(officer_client, draft):
    response = officer_client.post(f"{URL}/settings", data={
        "scale": "1-5", "quality_weight": "65.5", "price_weight": "34.5", "price_method": "linear"})
    assert response.status_code == 302
    procurement = refresh(draft["procurement"])
    assert (procurement.scale_min, procurement.scale_max, procurement.scale_id) == (1, 5, "1-5")
    assert [lv.value for lv in procurement.scale_levels] == [1, 2, 3, 4, 5]
    assert procurement.quality_weight == Decimal("65.5") and procurement.price_method.value == "linear"
    [event] = events("plan.settings_changed")
    assert event.before["quality_weight"] == "70" and event.after["quality_weight"] == "65.5"
    assert event.actor_label == "builder.officer@council.example"


def test_settings_custom_scale_needs_one_label_per_score(officer_client, draft):
    data = {"scale": "custom", "scale_min": "0", "scale_max": "3", "scale_labels": "None\nSome\nGood",
            "quality_weight": "70", "price_weight": "30", "price_method": "lowest"}
    response = officer_client.post(f"{URL}/settings", data=data)
    assert "Enter one label for each score from 0 to 3 (4 lines), not 3" in response.get_data(as_text=True)
    response = officer_client.post(f"{URL}/settings", data=data | {
        "scale_labels": "None\nSome: partial evidence\nGood\nExcellent: all of it"})
    assert response.status_code == 302
    procurement = refresh(draft["procurement"])
    assert procurement.scale_id is None and procurement.scale_max == 3
    assert [(lv.label, lv.descriptor) for lv in procurement.scale_levels][1] == ("Some", "partial evidence")


def test_sections_add_rename_reorder_and_remove(officer_client, draft):
    for name, weight in (("Quality", "60"), ("Data security", "40")):
        assert officer_client.post(f"{URL}/sections", data={"name": name, "weight": weight}).status_code == 302
    response = officer_client.post(f"{URL}/sections", data={"name": "quality", "weight": "0"})
    assert "There is already a section called &#39;quality&#39;" in response.get_data(as_text=True)
    procurement = refresh(draft["procurement"])
    quality, security = procurement.sections
    assert officer_client.post(f"{URL}/sections/{security.id}", data={"name": "Security",
                                                                      "weight": "45"}).status_code == 302
    officer_client.post(f"{URL}/sections/{security.id}/move", data={"direction": "up"})
    procurement = refresh(draft["procurement"])
    assert [(s.name, s.weight) for s in procurement.sections] == [("Security", Decimal(45)), ("Quality", 60)]
    assert officer_client.post(f"{URL}/sections/{quality.id}/remove", data={}).status_code == 302
    assert [s.name for s in refresh(draft["procurement"]).sections] == ["Security"]
    assert len(events("plan.section_added")) == 2
    [changed] = events("plan.section_changed")
    assert changed.before["name"] == "Data security" and changed.after["name"] == "Security"
    assert events("plan.sections_reordered")[0].after == {"order": ["Security", "Quality"]}
    assert events("plan.section_removed")[0].before["name"] == "Quality"


def test_a_section_with_criteria_is_removed_only_when_confirmed(officer_client, draft):
    officer_client.post(f"{URL}/sections", data={"name": "Quality", "weight": "100"})
    section = refresh(draft["procurement"]).sections[0]
    officer_client.post(f"{URL}/sections/{section.id}/library", data={"criteria": ["csc.data-security"]})
    page = officer_client.get(f"{URL}/sections/{section.id}/remove").get_data(as_text=True)
    assert "CSC08 Data security and data protection" in page and "removed with it" in page
    response = officer_client.post(f"{URL}/sections/{section.id}/remove", data={})
    assert "confirm that they are removed with it" in response.get_data(as_text=True)
    assert len(refresh(draft["procurement"]).sections) == 1
    assert officer_client.post(f"{URL}/sections/{section.id}/remove", data={"confirm": "y"}).status_code == 302
    assert refresh(draft["procurement"]).sections == []
    assert events("plan.section_removed")[0].before["criteria"] == ["CSC08"]


def test_a_section_of_another_procurement_is_not_found(officer_client, draft):
    assert officer_client.get(f"{URL}/sections/999999").status_code == 404


def test_a_new_procurement_can_start_empty(officer_client, draft):
    response = officer_client.post("/procurements/new", data={
        "title": "From scratch", "reference": "EMPTY-1", "criteria_set": "empty", "scale": "default-0-5",
        "quality_weight": "60", "price_method": "lowest"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/procurements/EMPTY-1")
    from workbench.procurements.queries import get_by_reference

    created = get_by_reference("EMPTY-1")
    assert created.sections == [] and created.price_weight == 40 and created.status.value == "draft"
    page = officer_client.get("/procurements/EMPTY-1").get_data(as_text=True)
    assert "Add at least one criterion before scoring opens" in page
    assert officer_client.post("/procurements/EMPTY-1/open-scoring", data={}).status_code == 302
    assert get_by_reference("EMPTY-1").status.value == "draft"
