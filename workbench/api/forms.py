from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from workbench.forms import strip


class NewTokenForm(FlaskForm):
    name = StringField(
        "Token name", widget=GovTextInput(), filters=[strip],
        description="What the token is for, so you can tell your tokens apart. For example: Power BI refresh.",
        validators=[DataRequired(message="Enter a name for the token"),
                    Length(max=100, message="The name must be 100 characters or fewer")])
    submit = SubmitField("Create token", widget=GovSubmitInput())

