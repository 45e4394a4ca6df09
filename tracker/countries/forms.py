from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional

from tracker.core.forms import DateField, FilterForm, choices, none_if_blank, strip
from tracker.core.locking import VersionField
from tracker.countries.models import OrganisationKind, Status


class CountryFilterForm(FilterForm):
    on = DateField("Status on", validators=[Optional()], default=date.today)
    status = SelectField(
        "Status",
        choices=choices([("", "Any status")] + [(s.value, s.label) for s in Status]),
        validators=[Optional()],
    )
    region = SelectField("Region", choices=choices([("", "Any region")]), validators=[Optional()])


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)], filters=[strip])
    acronym = StringField("Acronym", validators=[Optional(), Length(max=30)], filters=[none_if_blank])
    kind = SelectField("Kind", choices=choices((k.value, k.label) for k in OrganisationKind))
    website = StringField("Website", validators=[Optional(), URL(), Length(max=300)], filters=[none_if_blank])
    notes = TextAreaField("Notes", validators=[Optional()], filters=[none_if_blank])
    version = VersionField()
