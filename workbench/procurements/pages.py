"""The pages of a procurement, listed on its overview for the people who may use them.

Each feature adds one line to ``PAGES``; the overview shows the pages whose rights the person holds, in this order.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from workbench.access import Right
from workbench.models import Procurement


@dataclass(frozen=True)
class Page:
    text: str
    endpoint: str
    rights: frozenset[Right]
    description: str


def _page(text: str, endpoint: str, rights: set[Right], description: str) -> Page:
    return Page(text, endpoint, frozenset(rights), description)


PAGES: list[Page] = [
    _page("Bids", "evidence.bids", {Right.READ, Right.SCORE},
          "Each supplier's answers, documents and clarifications; invitation links for suppliers."),
    _page("Score the bids", "panel.index", {Right.SCORE},
          "Declare conflicts of interest, then score each bid with a justification; or score offline in a workbook."),
    _page("Panel progress", "panel.progress", {Right.MANAGE, Right.READ},
          "How far each evaluator has got, their conflict of interest declarations, and offline scoring workbooks."),
    _page("Moderation", "moderation.index", {Right.PANEL},
          "Every submitted score side by side, differing scores first; consensus scores with their rationale."),
    _page("Results", "results.index", {Right.READ, Right.PANEL},
          "The weighted matrix, totals and ranks, sensitivity, charts, and downloads (Excel, CSV, JSON)."),
    _page("Young people’s panel", "youth.index", {Right.READ},
          "Sessions and access codes, paper answers, I statements and the young people’s view of the results."),
    _page("Assessment summaries", "summaries.index", {Right.READ},
          "Each supplier’s scores and reasons beside the most advantageous tender: draft, edit, release."),
    _page("Award the contract", "contract_award.award", {Right.MANAGE},
          "Once the results are finalised: create the contract with the winning supplier, then monitor it."),
    _page("Audit trail", "audit.trail", {Right.READ},
          "Every recorded change: who, when, before and after, and why. Filter it and check it is intact."),
]


def pages_for(procurement: Procurement, rights: set[Right]) -> list[dict[str, str]]:
    return [{"text": page.text, "href": url_for(page.endpoint, reference=procurement.reference),
             "description": page.description}
            for page in PAGES if page.rights & rights]
