"""The young people's view (workbench.youth.results.youth_view) and its page, against the worked example."""

from __future__ import annotations

import pytest

from tests.helpers import make_user, sign_in
from tests.integration.youth.test_youth_import import ANSWERS, PLAN, SCORES


@pytest.fixture
def imported(runner, tmp_path, app_context):
    from workbench.models import Role

    officer = make_user("officer@council.example", Role.OFFICER)
    for name, text in (("plan.yaml", PLAN), ("scores.csv", SCORES), ("answers.csv", ANSWERS)):
        (tmp_path / name).write_text(text)
    assert runner.invoke(args=["plan", "import", str(tmp_path / "plan.yaml"), "--officer", officer.email]
                         ).exit_code == 0
    assert runner.invoke(args=["scores", "import", "WORKED-YOUTH", str(tmp_path / "scores.csv")]).exit_code == 0
    assert runner.invoke(args=["youth", "import", "WORKED-YOUTH", str(tmp_path / "answers.csv")]).exit_code == 0
    return officer


def test_youth_view_figures(imported):
    from workbench.results.inputs import load_procurement
    from workbench.youth.results import youth_view

    view = youth_view(load_procurement("WORKED-YOUTH"))
    alpha, beta = view.suppliers
    assert view.respondents == 2
    # per question: Alpha YP1 (5 + 3) / 2 = 4, YP2 4 ("not sure" left out), YP3 nothing; Beta YP1 1, YP2 2.5, YP3 5
    assert alpha.questions == {"YP1": pytest.approx(4), "YP2": pytest.approx(4), "YP3": None}
    assert beta.questions == {"YP1": pytest.approx(1), "YP2": pytest.approx(2.5), "YP3": pytest.approx(5)}
    assert alpha.criteria == {"C1": pytest.approx(4), "C2": pytest.approx(4), "C3": None}
    assert (alpha.answers, alpha.not_sure, beta.answers, beta.not_sure) == (3, 3, 4, 1)
    # their own score: weighted mean of n_youth where they answered. Alpha (0.5 × 0.75 + 0.25 × 0.75) / 0.75 = 75;
    # Beta 0.5 × 0.25 + 0.25 × 0.375 + 0.25 × 1 = 0.46875 → 46.875
    assert alpha.youth_score == pytest.approx(75, abs=1e-9) and beta.youth_score == pytest.approx(46.875, abs=1e-9)
    assert (alpha.youth_rank, beta.youth_rank) == (1, 2)
    # with their share Alpha 73.75 beats Beta 68.125; without it Alpha 68.75 < Beta 87.5: the share changed it
    assert (alpha.rank, beta.rank) == (1, 2)
    assert (alpha.rank_without_youth, beta.rank_without_youth) == (2, 1)
    assert view.share_changed_ranking is True
    assert [(c.supplier, c.question, c.text) for c in view.comments] == [
        ("Alpha", "YP1", "I could see everything"), ("Alpha", "YP3", '=HYPERLINK("x")'),
        ("Beta", "YP1", "Too many buttons")]


def test_youth_results_page_shows_comments_as_written_without_labels(client, imported):
    sign_in(client, imported.email)
    page = client.get("/procurements/WORKED-YOUTH/young-people/results").text
    assert "Too many buttons" in page and "=HYPERLINK(&#34;x&#34;)" in page
    assert "P01" not in page and "P02" not in page
    assert "<strong>changed</strong> the overall ranking" in page
    overview = client.get("/procurements/WORKED-YOUTH").text
    assert "/procurements/WORKED-YOUTH/young-people" in overview
