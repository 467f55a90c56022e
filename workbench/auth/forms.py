from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired

from workbench.forms import strip


class SignInForm(FlaskForm):
    email = StringField("Email address", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired(message="Enter your email address")])
    password = PasswordField("Password", widget=GovPasswordInput(),
                             validators=[DataRequired(message="Enter your password")])
    submit = SubmitField("Sign in", widget=GovSubmitInput())
