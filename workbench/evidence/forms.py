"""Forms for answers, documents and clarifications (CSRF on every one)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovFileInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from workbench.evidence.services import MAX_CLARIFICATION_CHARS, MAX_RESPONSE_CHARS
from workbench.evidence.storage import ALLOWED_DESCRIPTION
from workbench.forms import strip
from workbench.models import Procurement


class ResponseForm(FlaskForm):
    response = TextAreaField("Your answer", widget=GovCharacterCount(), filters=[strip],
                             validators=[Length(max=MAX_RESPONSE_CHARS)])
    submit = SubmitField("Save answer", widget=GovSubmitInput())


class DocumentForm(FlaskForm):
    document = FileField("Upload a document", widget=GovFileInput(),
                         description=f"{ALLOWED_DESCRIPTION}. Each file must be smaller than 20 MB.",
                         validators=[FileRequired(message="Select a file to upload")])
    upload = SubmitField("Upload file", widget=GovSubmitInput())


class ClarificationForm(FlaskForm):
    criterion = SelectField("Which question is it about?", widget=GovSelect(), choices=[])
    question = TextAreaField("Clarification question", widget=GovTextArea(), filters=[strip],
                             validators=[DataRequired(message="Enter the clarification question"),
                                         Length(max=MAX_CLARIFICATION_CHARS)])
    submit = SubmitField("Send question", widget=GovSubmitInput())

    def set_criteria(self, procurement: Procurement) -> None:
        self.criterion.choices = [SelectChoice("", "The bid as a whole")] + [
            SelectChoice(str(c.id), f"{c.code}: {c.title}") for c in procurement.criteria]


class AnswerForm(FlaskForm):
    answer = TextAreaField("Answer", widget=GovTextArea(), filters=[strip],
                           validators=[DataRequired(message="Enter the answer"), Length(max=MAX_CLARIFICATION_CHARS)])
    submit = SubmitField("Send answer", widget=GovSubmitInput())

