"""Forms for moderation. The services check the rules; these check the shape of what was typed."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import BooleanField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from workbench.forms import strip

MAX_TEXT = 5000


def _choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class ConsensusForm(FlaskForm):
    score = RadioField("Consensus score", widget=GovRadioInput(), choices=[],
                       validators=[InputRequired(message="Choose the consensus score")])
    rationale = TextAreaField(
        "Rationale", widget=GovTextArea(), filters=[strip],
        description="How the panel reached this score, with reference to the evidence and the scale.",
        validators=[DataRequired(message="Explain how the panel reached this consensus score"),
                    Length(max=MAX_TEXT, message=f"Write {MAX_TEXT} characters or fewer")])
    reason = TextAreaField(
        "Reason for the change", widget=GovTextArea(), filters=[strip],
        description="Why the consensus recorded before is being changed. It is kept in the audit trail.",
        validators=[Optional(), Length(max=MAX_TEXT, message=f"Write {MAX_TEXT} characters or fewer")])
    submit = SubmitField("Save consensus score", widget=GovSubmitInput())

    def set_choices(self, pairs: list[tuple[str, str]]) -> ConsensusForm:
        self.score.choices = _choices(pairs)
        return self


class ChangeScoreForm(FlaskForm):
    score = RadioField("New score", widget=GovRadioInput(), choices=[],
                       validators=[InputRequired(message="Choose the new score")])
    reason = TextAreaField(
        "Reason for the change", widget=GovTextArea(), filters=[strip],
        description="Why the evaluator's submitted score is being changed. It is kept in the audit trail.",
        validators=[DataRequired(message="Give a reason for changing this score"),
                    Length(max=MAX_TEXT, message=f"Write {MAX_TEXT} characters or fewer")])
    submit = SubmitField("Change score", widget=GovSubmitInput())

    def set_choices(self, pairs: list[tuple[str, str]]) -> ChangeScoreForm:
        self.score.choices = _choices(pairs)
        return self


class WithdrawConsensusForm(FlaskForm):
    reason = TextAreaField(
        "Reason for withdrawing it", widget=GovTextArea(), filters=[strip],
        description="For example, it was recorded against the wrong supplier. It is kept in the audit trail.",
        validators=[DataRequired(message="Give a reason for withdrawing the consensus score"),
                    Length(max=MAX_TEXT, message=f"Write {MAX_TEXT} characters or fewer")])
    submit = SubmitField("Withdraw consensus score", widget=GovSubmitInput())


class OpenModerationForm(FlaskForm):
    confirm = BooleanField("I understand that scoring closes and every evaluator will see every submitted score",
                           widget=GovCheckboxInput(),
                           validators=[DataRequired(message="Confirm that scoring closes when moderation opens")])
    submit = SubmitField("Open moderation", widget=GovSubmitInput())


class FinaliseForm(FlaskForm):
    confirm = BooleanField("I understand that no score or consensus can change once the evaluation is finalised",
                           widget=GovCheckboxInput(),
                           validators=[DataRequired(message="Confirm that nothing can change once finalised")])
    reason = TextAreaField(
        "Note for the audit trail (optional)", widget=GovTextArea(), filters=[strip],
        description="For example, the date of the moderation meeting and who attended.",
        validators=[Length(max=MAX_TEXT, message=f"Write {MAX_TEXT} characters or fewer")])
    submit = SubmitField("Finalise the evaluation", widget=GovSubmitInput())
