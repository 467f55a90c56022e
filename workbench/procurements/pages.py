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
]


def pages_for(procurement: Procurement, rights: set[Right]) -> list[dict[str, str]]:
    return [{"text": page.text, "href": url_for(page.endpoint, reference=procurement.reference),
             "description": page.description}
            for page in PAGES if page.rights & rights]
