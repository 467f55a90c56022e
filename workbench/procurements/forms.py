from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import DecimalField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

from workbench.forms import strip

MAX_PLAN_BYTES = 512 * 1024


class PlanUploadForm(FlaskForm):
    plan_file = FileField(
        "Plan file", widget=GovFileInput(),
        description="A YAML evaluation plan (.yaml or .yml) in the format described in the README.",
        validators=[FileRequired(message="Select a plan file"),
                    FileAllowed(["yaml", "yml"], message="The plan file must be a .yaml or .yml file")])
    submit = SubmitField("Import plan", widget=GovSubmitInput())


class ActionForm(FlaskForm):
    """A form with only a button: its CSRF token is what protects the action."""


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
