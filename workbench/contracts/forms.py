"""Forms for the contract pages (Flask-WTF with GOV.UK widgets; CSRF on every form)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from workbench.forms import strip

NUMBER = Regexp(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$", message="Enter a number, such as 99.5")
CYCLES = [SelectChoice("monthly", "Monthly"), SelectChoice("quarterly", "Quarterly"),
          SelectChoice("six-monthly", "Every six months"), SelectChoice("annual", "Once a year")]


class DayMonthYearField(DateField):
    """A GOV.UK date input (three boxes with one name); a form posted without them is treated as empty."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if len(valuelist) != 3:
            valuelist = ["", "", ""]
            self.raw_data = valuelist
        super().process_formdata(valuelist)


def _date(label: str) -> DayMonthYearField:
    return DayMonthYearField(label, widget=GovDateInput(), format="%d %m %Y", description="For example, 1 4 2026",
                             validators=[InputRequired(message=f"Enter the {label.lower()} as a real date")])


class ContractForm(FlaskForm):
    reference = StringField("Contract reference", widget=GovTextInput(), filters=[strip],
                            description="For example, CT-2026-01. It cannot be changed later.",
                            validators=[DataRequired(message="Enter the contract reference"), Length(max=64),
                                        Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                                               message="Use letters, numbers, dots, hyphens and underscores")])
    title = StringField("Title", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter the contract title"), Length(max=300)])
    supplier = StringField("Supplier", widget=GovTextInput(), filters=[strip],
                           validators=[DataRequired(message="Enter the supplier's name"), Length(max=300)])
    start = _date("Start date")
    end = _date("End date")
    value = StringField("Total value (£)", widget=GovTextInput(), filters=[strip],
                        description="Whole pounds or pounds and pence, without commas, for example 5400000. "
                                    "A contract worth over £5,000,000 needs at least three KPIs before it can go "
                                    "live.",
                        validators=[DataRequired(message="Enter the contract value"), NUMBER])
    manager = SelectField("Contract manager", widget=GovSelect(), choices=[],
                          validators=[DataRequired(message="Choose the contract manager")])
    review_cycle = SelectField("Review meetings", widget=GovSelect(), choices=CYCLES, default="quarterly")
    service_days = StringField("Service days", widget=GovTextInput(), filters=[strip], default="Mon-Fri",
                               description="Used by SLAs on the service hours clock, for example Mon-Fri. Leave "
                                           "empty if every SLA runs 24 hours a day.",
                               validators=[Optional(), Length(max=40)])
    service_from = StringField("Service hours start (UK time)", widget=GovTextInput(), filters=[strip],
                               default="08:00", validators=[Optional(), Length(max=5)])
    service_to = StringField("Service hours end (UK time)", widget=GovTextInput(), filters=[strip],
                             default="18:00", validators=[Optional(), Length(max=5)])
    submit = SubmitField("Create contract", widget=GovSubmitInput())


class AwardForm(ContractForm):
    supplier = SelectField("Supplier awarded the contract", widget=GovSelect(), choices=[],
                           validators=[DataRequired(message="Choose the supplier")])
    submit = SubmitField("Award and create the contract", widget=GovSubmitInput())


class KpiForm(FlaskForm):
    code = StringField("KPI code", widget=GovTextInput(), filters=[strip], description="For example, KPI4",
                       validators=[DataRequired(message="Enter the KPI code"), Length(max=32),
                                   Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                                          message="Use letters, numbers, dots, hyphens and underscores")])
    title = StringField("What is measured", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter what the KPI measures"), Length(max=300)])
    unit = StringField("Unit", widget=GovTextInput(), filters=[strip], description="For example, percent or hours",
                       validators=[DataRequired(message="Enter the unit"), Length(max=40)])
    direction = RadioField("Which is better?", widget=GovRadioInput(), choices=[
        SelectChoice("higher", "Higher values"), SelectChoice("lower", "Lower values")],
        validators=[InputRequired(message="Choose whether higher or lower values are better")])
    period = RadioField("Reported", widget=GovRadioInput(), choices=[
        SelectChoice("month", "Every month"), SelectChoice("quarter", "Every quarter")],
        validators=[InputRequired(message="Choose how often the KPI is reported")])
    target = StringField("Target (Good from here)", widget=GovTextInput(), filters=[strip],
                         validators=[DataRequired(message="Enter the target"), NUMBER])
    approaching = StringField("Approaching target from", widget=GovTextInput(), filters=[strip],
                              validators=[DataRequired(message="Enter where Approaching target starts"), NUMBER])
    requires_improvement = StringField(
        "Requires improvement from", widget=GovTextInput(), filters=[strip],
        description="Values beyond this are Inadequate.",
        validators=[DataRequired(message="Enter where Requires improvement starts"), NUMBER])
    submit = SubmitField("Add KPI", widget=GovSubmitInput())


class SlaForm(FlaskForm):
    severity = StringField("Severity", widget=GovTextInput(), filters=[strip], description="For example, P1",
                           validators=[DataRequired(message="Enter the severity"), Length(max=32)])
    respond_within = StringField("Respond within", widget=GovTextInput(), filters=[strip],
                                 description="For example, 30m, 4h or 1d",
                                 validators=[DataRequired(message="Enter the response time")])
    resolve_within = StringField("Resolve within", widget=GovTextInput(), filters=[strip],
                                 validators=[DataRequired(message="Enter the resolution time")])
    clock = RadioField("Clock", widget=GovRadioInput(), choices=[
        SelectChoice("24x7", "24 hours a day, every day"),
        SelectChoice("service_hours", "Service hours only (skips weekends and bank holidays)")],
        validators=[InputRequired(message="Choose the clock")])
    submit = SubmitField("Add SLA", widget=GovSubmitInput())


class MeasurementForm(FlaskForm):
    kpi = SelectField("KPI", widget=GovSelect(), choices=[], validators=[DataRequired(message="Choose the KPI")])
    period = StringField("Period", widget=GovTextInput(), filters=[strip],
                         description="A month as YYYY-MM (2026-04) or a quarter as YYYY-Qn (2026-Q2)",
                         validators=[DataRequired(message="Enter the period")])
    value = StringField("Value", widget=GovTextInput(), filters=[strip],
                        description="A plain number, such as 99.5. Leave empty if there is no figure, and say "
                                    "why in the note: the period is then rated Other.",
                        validators=[Optional(), Length(max=40)])
    note = TextAreaField("Note", widget=GovTextArea(), filters=[strip], validators=[Length(max=2000)])
    submit = SubmitField("Save measurement", widget=GovSubmitInput())


class IncidentForm(FlaskForm):
    reference = StringField("Incident reference", widget=GovTextInput(), filters=[strip],
                            validators=[DataRequired(message="Enter the incident reference"), Length(max=64)])
    severity = SelectField("Severity", widget=GovSelect(), choices=[],
                           validators=[DataRequired(message="Choose the severity")])
    reported = StringField("Reported (UK time)", widget=GovTextInput(), filters=[strip],
                           description="Date and time, for example 2026-04-01 09:30",
                           validators=[DataRequired(message="Enter when the incident was reported")])
    responded = StringField("Responded (UK time)", widget=GovTextInput(), filters=[strip],
                            description="Leave empty until the supplier responds", validators=[Optional()])
    resolved = StringField("Resolved (UK time)", widget=GovTextInput(), filters=[strip],
                           description="Leave empty while the incident is open", validators=[Optional()])
    description = TextAreaField("Description", widget=GovTextArea(), filters=[strip], validators=[Length(max=4000)])
    affected_service = StringField("Affected service", widget=GovTextInput(), filters=[strip],
                                   validators=[Optional(), Length(max=300)])
    safeguarding = BooleanField("It affected safeguarding or caused a missed visit", widget=GovCheckboxInput())
    submit = SubmitField("Save incident", widget=GovSubmitInput())


def upload_form(label: str, header: str) -> type[FlaskForm]:
    class UploadForm(FlaskForm):
        upload = FileField(label, widget=GovFileInput(), description=f"CSV or Excel (.xlsx) with the header {header}",
                           validators=[FileRequired(message="Select a file"),
                                       FileAllowed(["csv", "xlsx"], message="The file must be a .csv or .xlsx file")])
        submit = SubmitField("Import", widget=GovSubmitInput())

    return UploadForm


MeasurementsUploadForm = upload_form("Measurements file", "kpi,period,value,note")
IncidentsUploadForm = upload_form("Incidents file", "reference,severity,reported,responded,resolved,description")


class ContractFileForm(FlaskForm):
    upload = FileField("Contract file (YAML)", widget=GovFileInput(),
                       description="The contract, its KPIs and SLAs, as in examples/contracts/ct-2026-01.yaml",
                       validators=[FileRequired(message="Select a contract file"),
                                   FileAllowed(["yaml", "yml"], message="The contract file must be a .yaml file")])
    submit = SubmitField("Import contract", widget=GovSubmitInput())


class LevelForm(FlaskForm):
    level = IntegerField("Level", widget=GovTextInput(), default=1, description="1 is the first to be told",
                         validators=[InputRequired(message="Enter the level"),
                                     NumberRange(min=1, max=9, message="Enter a level from 1 to 9")])
    who = StringField("Who is told", widget=GovTextInput(), filters=[strip],
                      description="A role and name, for example Head of Children's Services (Sam Patel)",
                      validators=[DataRequired(message="Enter who is told"), Length(max=300)])
    within_days = IntegerField("How fast (working days)", widget=GovTextInput(), default=2,
                               validators=[InputRequired(message="Enter how many days"),
                                           NumberRange(min=0, max=90, message="Enter 0 to 90 days")])
    trigger = RadioField("Triggered by", widget=GovRadioInput(), choices=[
        SelectChoice("breach", "A breach: an incident that missed its SLA, or a KPI period rated Inadequate"),
        SelectChoice("severity", "Any incident of a severity"),
        SelectChoice("repeated", "Repeated shortfalls: N KPI periods below target within M periods")],
        validators=[InputRequired(message="Choose what triggers this level")])
    severity = SelectField("Severity (for a severity trigger)", widget=GovSelect(), choices=[],
                           validators=[Optional()])
    repeat_count = IntegerField("N: periods below target (for repeated shortfalls)", widget=GovTextInput(),
                                validators=[Optional(), NumberRange(min=1, max=24, message="Enter 1 to 24")])
    repeat_periods = IntegerField("M: within this many periods", widget=GovTextInput(),
                                  validators=[Optional(), NumberRange(min=1, max=24, message="Enter 1 to 24")])
    submit = SubmitField("Add escalation level", widget=GovSubmitInput())


class CorrectiveActionForm(FlaskForm):
    description = TextAreaField("What will be done", widget=GovTextArea(), filters=[strip],
                                validators=[DataRequired(message="Describe the action"), Length(max=4000)])
    owner = StringField("Owner", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter who owns the action"), Length(max=300)])
    due = DayMonthYearField("Due date", widget=GovDateInput(), format="%d %m %Y", description="For example, 30 1 2027",
                            validators=[InputRequired(message="Enter the due date as a real date")])
    subject = SelectField("Linked to", widget=GovSelect(), choices=[],
                          validators=[DataRequired(message="Choose what the action is linked to")])
    submit = SubmitField("Add corrective action", widget=GovSubmitInput())


class ReviewForm(FlaskForm):
    held_on = DayMonthYearField("Date held", widget=GovDateInput(), format="%d %m %Y",
                                description="For example, 14 10 2026", validators=[Optional()])
    attendees = TextAreaField("Attendees", widget=GovTextArea(), filters=[strip],
                              description="Names and roles, one per line", validators=[Length(max=4000)])
    decisions = TextAreaField("Decisions", widget=GovTextArea(), filters=[strip], validators=[Length(max=8000)])
    submit = SubmitField("Save the review", widget=GovSubmitInput())


class AddendumForm(FlaskForm):
    text = TextAreaField("Addendum", widget=GovTextArea(), filters=[strip],
                         description="The review is signed off, so changes are recorded as an addendum.",
                         validators=[DataRequired(message="Write the addendum"), Length(max=4000)])
    submit = SubmitField("Add addendum", widget=GovSubmitInput())


class ContractEditForm(ContractForm):
    """The contract's fields after creation (the reference names it and does not change)."""

    reference = None  # type: ignore[assignment]
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class KpiEditForm(KpiForm):
    """A KPI's definition and bands, and the promise from the evaluation it came from."""

    code = None  # type: ignore[assignment]
    criterion = SelectField("Evaluation criterion", widget=GovSelect(), choices=[],
                            description="The criterion of the evaluation under which the supplier made this promise.")
    promised = StringField("Promised in the bid", widget=GovTextInput(), filters=[strip],
                           description="The figure the supplier claimed, in the KPI's unit, for example 99.9. "
                                       "Leave empty if they gave none.",
                           validators=[Optional(), NUMBER])
    promise_note = TextAreaField("What the supplier said", widget=GovTextArea(), filters=[strip],
                                 description="Their words, or where in the bid they said it.",
                                 validators=[Length(max=2000)])
    submit = SubmitField("Save KPI", widget=GovSubmitInput())


class SlaEditForm(SlaForm):
    severity = None  # type: ignore[assignment]
    submit = SubmitField("Save SLA", widget=GovSubmitInput())
