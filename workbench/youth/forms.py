"""Forms for the young people's pages and the facilitator's pages. No field asks who anyone is."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovFileInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from workbench.forms import strip
from workbench.youth.journey import FACES, MAX_COMMENT

NOT_SURE = "not-sure"


class CodeForm(FlaskForm):
    code = StringField("Your access code", widget=GovTextInput(), filters=[strip],
                       description="It is on the card you were given. It looks like 7KQ2M-XH4PD.",
                       validators=[DataRequired(message="Type the code from your card")])
    submit = SubmitField("Start", widget=GovSubmitInput())


class AnswerForm(FlaskForm):
    answer = RadioField("Your answer", choices=[SelectChoice(str(v), label) for v, label in FACES.items()]
                        + [SelectChoice(NOT_SURE, "Not sure")],
                        validators=[InputRequired(message="Choose a face, or choose Not sure")])
    comment = TextAreaField("What would make it better? (you do not have to answer this)", widget=GovTextArea(),
                            filters=[strip], validators=[Length(max=MAX_COMMENT, message=(
                                f"Please write {MAX_COMMENT} characters or fewer"))])
    submit = SubmitField("Save and continue", widget=GovSubmitInput())


class SubmitForm(FlaskForm):
    submit = SubmitField("Send my answers", widget=GovSubmitInput())


class DayMonthYearField(DateField):
    """A GOV.UK date input (three boxes with one name); a form posted without them is treated as empty."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if len(valuelist) != 3:
            valuelist = ["", "", ""]
            self.raw_data = valuelist
        super().process_formdata(valuelist)


class NewSessionForm(FlaskForm):
    title = StringField("Session name", widget=GovTextInput(), filters=[strip],
                        description="For example: Youth council, 12 March, Town Hall. Do not use anyone's name.",
                        validators=[DataRequired(message="Enter a session name"), Length(max=200)])
    closes_on = DayMonthYearField("Date the session closes", widget=GovDateInput(), format="%d %m %Y",
                          description="For example, 27 3 2026",
                          validators=[InputRequired(message="Enter the date the session closes")])
    closes_at = SelectField("Time it closes (UK time)", widget=GovSelect(), default="17:00",
                            choices=[SelectChoice(f"{h:02d}:00", f"{h:02d}:00") for h in range(7, 23)])
    codes = IntegerField("How many access codes", widget=GovTextInput(), default=10,
                         description="One for each young person, and a few spare.",
                         validators=[InputRequired(message="Enter how many access codes to make"),
                                     NumberRange(min=1, max=200, message="Make between 1 and 200 codes")])
    submit = SubmitField("Create session and show codes", widget=GovSubmitInput())


class AnswersUploadForm(FlaskForm):
    answers_file = FileField(
        "Answers file", widget=GovFileInput(),
        description="CSV or Excel (.xlsx) with the header respondent,supplier,question,answer,comment.",
        validators=[FileRequired(message="Select an answers file"),
                    FileAllowed(["csv", "xlsx"], message="The answers file must be a .csv or .xlsx file")])
    submit = SubmitField("Import answers", widget=GovSubmitInput())


class StatementForm(FlaskForm):
    text = StringField("I statement", widget=GovTextInput(), filters=[strip],
                       description='Written as the young people said it, for example "I can understand my plan".',
                       validators=[DataRequired(message="Enter the I statement"), Length(max=300)])
    submit = SubmitField("Add I statement", widget=GovSubmitInput())


class AdoptForm(FlaskForm):
    section = SelectField("Section", widget=GovSelect(), choices=[])
    code = StringField("Criterion code", widget=GovTextInput(), filters=[strip],
                       validators=[DataRequired(message="Enter a criterion code"), Length(max=20),
                                   Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                                          message="Use letters, numbers, dots, hyphens and underscores")])
    youth_share = IntegerField("Young people's share (percent)", widget=GovTextInput(), default=50,
                               validators=[Optional(), NumberRange(min=0, max=100,
                                                                   message="Enter a share from 0 to 100")])
    submit = SubmitField("Adopt as a criterion", widget=GovSubmitInput())
