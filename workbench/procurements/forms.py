from decimal import Decimal

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from workbench.forms import ActionForm as ActionForm  # re-exported: the contracts views import it from here
from workbench.forms import strip

MAX_PLAN_BYTES = 512 * 1024


class PlanUploadForm(FlaskForm):
    plan_file = FileField(
        "Plan file", widget=GovFileInput(),
        description="A YAML evaluation plan (.yaml or .yml) in the format described in the README.",
        validators=[FileRequired(message="Select a plan file"),
                    FileAllowed(["yaml", "yml"], message="The plan file must be a .yaml or .yml file")])
    submit = SubmitField("Import plan", widget=GovSubmitInput())



class NewProcurementForm(FlaskForm):
    title = StringField("Title", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter a title"), Length(max=300)])
    reference = StringField(
        "Reference", widget=GovTextInput(), filters=[strip],
        description="Letters, numbers and hyphens, for example CSC-2026-01. Every command uses it.",
        validators=[DataRequired(message="Enter a reference"), Length(max=64),
                    Regexp(r"^[A-Za-z0-9][A-Za-z0-9-]*$", message="Use only letters, numbers and hyphens")])
    criteria_set = SelectField("Start from this criteria set", widget=GovSelect(), choices=[])
    scale = SelectField("Scoring scale", widget=GovSelect(), choices=[])
    quality_weight = DecimalField(
        "Quality weight (percent)", widget=GovTextInput(), places=None,
        description="Price gets the rest: 70 means 70% quality and 30% price.",
        validators=[InputRequired(message="Enter the quality weight"),
                    NumberRange(min=0, max=100, message="Quality weight must be between 0 and 100")])
    price_method = RadioField(
        "How price is scored", widget=GovRadioInput(), default="lowest",
        choices=[SelectChoice("lowest", "Lowest price: 100 × lowest price ÷ bid price"),
                 SelectChoice("linear", "Linear: 100 × (1 − (bid − lowest) ÷ lowest), not below 0")])
    submit = SubmitField("Create procurement", widget=GovSubmitInput())


# --- The plan editor -------------------------------------------------------------------------------------------

PRICE_METHODS = [SelectChoice("lowest", "Lowest price: 100 × lowest price ÷ bid price"),
                 SelectChoice("linear", "Linear: 100 × (1 − (bid − lowest) ÷ lowest), not below 0")]
CUSTOM_SCALE = "custom"
KINDS = [SelectChoice("scored", "Scored on the scale"),
         SelectChoice("pass_fail", "Pass or fail (carries no weight; a fail excludes the supplier)")]


def _weight_field(label: str, description: str = "", default: int | None = None) -> DecimalField:
    return DecimalField(label, widget=GovTextInput(), places=None, description=description, default=default,
                        validators=[InputRequired(message=f"Enter the {label.lower()}"),
                                    NumberRange(min=0, max=100, message=f"{label} must be between 0 and 100")])


class SettingsForm(FlaskForm):
    scale = RadioField("Scoring scale", widget=GovRadioInput(), choices=[],
                       validators=[InputRequired(message="Choose a scale")])
    scale_min = IntegerField("Lowest score", widget=GovTextInput(), validators=[Optional()])
    scale_max = IntegerField("Highest score", widget=GovTextInput(), validators=[Optional()])
    scale_labels = TextAreaField(
        "Labels, one line per score from lowest to highest", widget=GovTextArea(),
        description="Write each as Label or Label: what evidence earns it. For example: Poor: little evidence.")
    quality_weight = _weight_field("Quality weight", "Percent of the total. Quality and price add up to 100.")
    price_weight = _weight_field("Price weight")
    price_method = RadioField("How price is scored", widget=GovRadioInput(), choices=PRICE_METHODS)
    submit = SubmitField("Save", widget=GovSubmitInput())


class SectionForm(FlaskForm):
    name = StringField("Section name", widget=GovTextInput(), filters=[strip],
                       validators=[DataRequired(message="Enter a name for the section"), Length(max=200)])
    weight = _weight_field("Section weight", "Percent of quality. Enter 0 for a section of pass/fail criteria.",
                           default=0)
    submit = SubmitField("Save section", widget=GovSubmitInput())


class RemoveForm(FlaskForm):
    confirm = BooleanField("Yes, remove it and everything in it", widget=GovCheckboxInput())
    submit = SubmitField("Remove", widget=GovSubmitInput())


class CriterionForm(FlaskForm):
    code = StringField("Code", widget=GovTextInput(), filters=[strip],
                       description="Short and unique in this procurement, for example LOC-1.",
                       validators=[DataRequired(message="Enter a code"), Length(max=32),
                                   Regexp(r"^[A-Za-z0-9][A-Za-z0-9.-]*$",
                                          message="Use only letters, numbers, dots and hyphens in the code")])
    title = StringField("Title", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter a title"), Length(max=300)])
    question = TextAreaField("Question put to suppliers", widget=GovTextArea(), filters=[strip],
                             validators=[Length(max=5000)])
    section = SelectField("Section", widget=GovSelect(), choices=[])
    kind = RadioField("How it is assessed", widget=GovRadioInput(), choices=KINDS, default="scored")
    weight = _weight_field("Weight", "Percent of its section. 0 for pass/fail.", default=0)
    min_score = DecimalField("Minimum score (optional)", widget=GovTextInput(), places=None,
                             description="A professional score below this excludes the supplier.",
                             validators=[Optional()])
    youth_share = _weight_field("Young people's share", "Percent of this criterion's score given by the young "
                                "people's panel (0 to 100).", default=0)
    submit = SubmitField("Save criterion", widget=GovSubmitInput())


class LibraryPickForm(FlaskForm):
    criteria = SelectMultipleField("Criteria to add", widget=GovCheckboxesInput(), choices=[],
                                   validators=[DataRequired(message="Select at least one criterion to add")])
    submit = SubmitField("Add selected criteria", widget=GovSubmitInput())


class SupplierForm(FlaskForm):
    name = StringField("Supplier name", widget=GovTextInput(), filters=[strip],
                       validators=[DataRequired(message="Enter the supplier's name"), Length(max=200)])
    price = DecimalField("Price (£)", widget=GovTextInput(), places=None,
                         description="The whole-life price of the bid, for example 1250000 or 1250000.50.",
                         validators=[InputRequired(message="Enter the price"),
                                     NumberRange(min=Decimal("0.01"), message="Enter a price more than 0")])
    submit = SubmitField("Save supplier", widget=GovSubmitInput())


class MemberForm(FlaskForm):
    email = StringField("Email address", widget=GovTextInput(), filters=[strip],
                        description="The person must already have an account.",
                        validators=[DataRequired(message="Enter an email address"), Length(max=320)])
    role = RadioField("Their part in this procurement", widget=GovRadioInput(), default="evaluator",
                      choices=[SelectChoice("evaluator", "Evaluator: scores the bids"),
                               SelectChoice("officer", "Officer: sets up and runs the procurement"),
                               SelectChoice("auditor", "Auditor: reads everything, changes nothing")])
    submit = SubmitField("Add to the panel", widget=GovSubmitInput())
