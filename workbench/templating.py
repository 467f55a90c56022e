"""Jinja filters for display only: rounding, dates in UK time, paragraphs of text. No business rules here."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import Flask
from markupsafe import Markup, escape

LONDON = ZoneInfo("Europe/London")


def two_dp(value: float | Decimal | None) -> str:
    return "–" if value is None else f"{float(value):,.2f}"


def weight(value: float | Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{float(value):g}"


def money(value: Decimal | float | None) -> str:
    return "–" if value is None else f"£{float(value):,.2f}"


def uk_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(LONDON).strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")


def uk_date(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(LONDON).strftime("%-d %B %Y")


def paragraphs(text: str | None) -> list[Markup]:
    """Typed text as paragraphs for `<p>`: split on blank lines (browsers send CRLF), lines joined by `<br>`.

    Each line is escaped here, so the template prints the result as it is."""
    blocks: list[list[str]] = [[]]
    for line in (text or "").splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [Markup("<br>").join(escape(line) for line in block) for block in blocks if block]


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(two_dp=two_dp, weight=weight, money=money, uk_time=uk_time, uk_date=uk_date,
                                 paragraphs=paragraphs)
