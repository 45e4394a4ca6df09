from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from tracker.core.forms import DateField, FilterForm, choices, none_if_blank, strip
from tracker.core.locking import VersionField
from tracker.countries.models import Status
from tracker.directory.models import ContactPointType
from tracker.directory.queries import STATES

TYPE_CHOICES = [(t.value, t.label) for t in ContactPointType]


class ContactPointForm(FlaskForm):
    """The entry's fields, parsed (types, lengths, required). The rules on their values are the services'
    (entries.clean_entry, as the importer applies them); the route shows each refusal on its field."""

    country_id = SelectField("Country", coerce=int, validators=[InputRequired("Choose the country.")])
    institution = StringField("Institution", validators=[DataRequired(), Length(max=200)], filters=[strip])
    unit = StringField("Unit", validators=[Optional(), Length(max=200)], filters=[none_if_blank])
    type = SelectField("Type", choices=choices(TYPE_CHOICES))
    phone = StringField("Phone", filters=[none_if_blank])
    mobile = StringField("Mobile", filters=[none_if_blank])
    fax = StringField("Fax", filters=[none_if_blank])
    email = StringField("E-mail", filters=[none_if_blank])
    secure_platform = StringField(
        "Secure platform handle", validators=[Optional(), Length(max=200)], filters=[none_if_blank]
    )
    available_24_7 = BooleanField("Available 24/7", default=True)
    hours = StringField("Hours (when not 24/7)", filters=[none_if_blank])
    timezone = StringField("Time zone of the hours", filters=[none_if_blank])
    languages = StringField("Languages", filters=[none_if_blank])
    instructions = TextAreaField("Instructions", filters=[none_if_blank])
    address = TextAreaField("Address", filters=[none_if_blank])
    valid_from = DateField("Valid from", validators=[InputRequired("Give the date the designation starts.")])
    valid_to = DateField("Valid to", validators=[Optional()])
    version = VersionField()


class EndForm(FlaskForm):
    valid_to = DateField("Last day of the designation", validators=[InputRequired()], default=date.today)
    version = VersionField()


class ActionForm(FlaskForm):
    """Only the CSRF token: for buttons that post nothing else (mark verified)."""


class ReleaseForm(FlaskForm):
    released_on = DateField("Date of the version", validators=[InputRequired()], default=date.today)
    note = TextAreaField(
        "Note to the network", validators=[Optional(), Length(max=2000)], filters=[none_if_blank]
    )


class DirectoryFilterForm(FilterForm):
    q = StringField("Institution contains", validators=[Optional(), Length(max=100)], filters=[none_if_blank])
    country = SelectField("Country", choices=choices([("", "Any country")]), validators=[Optional()])
    type = SelectField("Type", choices=choices([("", "Any type")] + TYPE_CHOICES), validators=[Optional()])
    region = SelectField("Region", choices=choices([("", "Any region")]), validators=[Optional()])
    status = SelectField(
        "Convention status today",
        choices=choices([("", "Any status")] + [(s.value, s.label) for s in Status]),
        validators=[Optional()],
    )
    state = SelectField("Designations", choices=choices(STATES.items()), default="current")
    stale = BooleanField("Not verified in the last 12 months")


class CompareForm(FilterForm):
    old = SelectField("From version", coerce=int, validators=[InputRequired()])
    new = SelectField("To version", coerce=int, validators=[InputRequired()])
