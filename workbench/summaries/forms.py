from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from workbench.summaries.services import MAX_BODY


class SummaryForm(FlaskForm):
    body = TextAreaField(
        "Summary text", widget=GovTextArea(),
        description="Plain text. State the scores and the reasons for them; the supplier receives this as written.",
        validators=[DataRequired(message="Enter the summary text"),
                    Length(max=MAX_BODY, message=f"The summary must be {MAX_BODY:,} characters or fewer")])
    submit = SubmitField("Save summary", widget=GovSubmitInput())

