from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker.api.tokens import DEFAULT_DAYS
from tracker.core.forms import choices, strip

DAYS = [(30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "365 days")]


class TokenForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Say where the token is used."), Length(max=100)], filters=[strip]
    )
    days = SelectField("Valid for", coerce=int, choices=choices(DAYS), default=DEFAULT_DAYS)


class RevokeForm(FlaskForm):
    """Only the CSRF token."""
