from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from workbench.forms import strip
from workbench.models import Role

EMAIL_FORMAT = "Enter an email address in the correct format, like name@council.gov.uk"
ROLE_HINT = "Officers set up procurements; evaluators score; auditors read everything and change nothing."
ROLE_CHOICES = [SelectChoice(r.value, r.label) for r in Role]


class UserForm(FlaskForm):
    name = StringField("Full name", widget=GovTextInput(), filters=[strip],
                       validators=[DataRequired(message="Enter the person's full name"), Length(max=200)])
    email = StringField("Email address", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter an email address"),
                                    Email(message=EMAIL_FORMAT)])
    role = SelectField("Role", widget=GovSelect(), choices=ROLE_CHOICES,
                       description=ROLE_HINT)
    password = PasswordField("Password", widget=GovPasswordInput(), validators=[Optional()],
                             description="12 characters or more. Leave empty to keep the current password.")
    active = BooleanField("Account is active", widget=GovCheckboxInput(), default=True)
    submit = SubmitField("Save", widget=GovSubmitInput())
