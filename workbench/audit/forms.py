"""The audit trail's filter form: sent with GET, changes nothing, so it carries no CSRF token."""

from __future__ import annotations

from datetime import date, datetime

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import Field, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from workbench.forms import strip

DATE_FORMATS = ("%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d")


def parse_uk_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _valid_date(form: FlaskForm, field: Field) -> None:
    if field.data and parse_uk_date(field.data) is None:
        raise ValidationError(f"{field.label.text} must be a real date, for example 23/11/2026")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = SelectField("Action", widget=GovSelect(), choices=[], default="")
    person = SelectField("Person", widget=GovSelect(), choices=[], default="")
    date_from = StringField("From (UK date)", widget=GovTextInput(), filters=[strip],
                            description="For example, 23/11/2026", validators=[_valid_date])
    date_to = StringField("To (UK date)", widget=GovTextInput(), filters=[strip],
                          description="For example, 30/11/2026", validators=[_valid_date])
    text = StringField("Supplier, criterion or reason contains", widget=GovTextInput(), filters=[strip],
                       validators=[Length(max=200, message="Enter 200 characters or fewer")])
    submit = SubmitField("Filter", widget=GovSubmitInput())

    def set_choices(self, actions: list[str], people: list[str]) -> AuditFilterForm:
        self.action.choices = [SelectChoice("", "Any action")] + [SelectChoice(a, a) for a in actions]
        self.person.choices = [SelectChoice("", "Anyone")] + [SelectChoice(p, p) for p in people]
        return self

    def validate_date_to(self, field: Field) -> None:
        start, end = parse_uk_date(self.date_from.data or ""), parse_uk_date(field.data or "")
        if start and end and end < start:
            raise ValidationError("The ‘to’ date must be the same as or after the ‘from’ date")
