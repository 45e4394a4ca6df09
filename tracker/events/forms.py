from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.core.forms import DateField, EmailAddress, FilterForm, choices, none_if_blank, strip
from tracker.core.locking import VersionField
from tracker.events.models import (
    ActionStatus,
    AttendanceMode,
    AttendanceStatus,
    ContributionKind,
    EventFormat,
    EventKind,
    ParticipantRole,
)


def _labelled(enum_class):
    return choices((member.value, member.label) for member in enum_class)


class EventFilterForm(FilterForm):
    """GET filters: no CSRF token, since they change nothing."""

    kind = SelectField(
        "Kind",
        choices=choices([("", "Any kind")]) + _labelled(EventKind),
        validators=[Optional()],
        filters=[strip],
    )
    year = IntegerField("Year", validators=[Optional(), NumberRange(min=1990, max=2100)])
    country = SelectField(
        "Country", choices=choices([("", "Any country")]), validators=[Optional()], filters=[strip]
    )


COUNTRY_PICKER = {"size": "8", "data-picker": "countries"}


class EventForm(FlaskForm):
    kind = SelectField("Kind", choices=_labelled(EventKind))
    title = StringField("Title", validators=[DataRequired(), Length(max=300)], filters=[strip])
    start_date = DateField("Start date", validators=[InputRequired()])
    end_date = DateField("End date", validators=[Optional()])
    place = StringField("Place", validators=[Optional(), Length(max=200)], filters=[none_if_blank])
    host_country_id = SelectField("Host country", choices=[], validators=[Optional()], filters=[strip])
    format = SelectField("Format", choices=_labelled(EventFormat))
    organiser = StringField(
        "Organiser or programme", validators=[Optional(), Length(max=300)], filters=[none_if_blank]
    )
    # the activity form's picker (static/js/country-picker.js): type to filter, chosen ones as buttons
    visiting_country_ids = SelectMultipleField(
        "Visiting countries", choices=[], validators=[Optional()], render_kw=COUNTRY_PICKER
    )
    beneficiary_country_ids = SelectMultipleField(
        "Beneficiary countries", choices=[], validators=[Optional()], render_kw=COUNTRY_PICKER
    )
    participating_country_ids = SelectMultipleField(
        "Other participating countries", choices=[], validators=[Optional()], render_kw=COUNTRY_PICKER
    )
    notes = TextAreaField("Notes (topics, agenda, outcome)", validators=[Optional()], filters=[none_if_blank])
    version = VersionField()

    def set_country_choices(self, countries: list[tuple[int, str]]) -> None:
        options = choices(countries)
        self.host_country_id.choices = choices([("", "— none —")]) + options
        for field in (
            self.visiting_country_ids,
            self.beneficiary_country_ids,
            self.participating_country_ids,
        ):
            field.choices = options


class ParticipantForm(FlaskForm):
    country_id = SelectField("Country represented", choices=[], validators=[Optional()], filters=[strip])
    organisation_id = SelectField(
        "or organisation represented", choices=[], validators=[Optional()], filters=[strip]
    )
    role = SelectField("Role", choices=_labelled(ParticipantRole), default=ParticipantRole.DELEGATE.value)
    mode = SelectField(
        "Attendance", choices=_labelled(AttendanceMode), default=AttendanceMode.IN_PERSON.value
    )
    status = SelectField(
        "Attended", choices=_labelled(AttendanceStatus), default=AttendanceStatus.ATTENDED.value
    )
    minutes_online = IntegerField("Minutes online", validators=[Optional(), NumberRange(min=0, max=100_000)])
    name = StringField("Name", validators=[Optional(), Length(max=200)], filters=[none_if_blank])
    email = StringField(
        "E-mail", validators=[Optional(), Length(max=254), EmailAddress()], filters=[none_if_blank]
    )
    institution = StringField(
        "Institution", validators=[Optional(), Length(max=200)], filters=[none_if_blank]
    )

    version = VersionField()

    def set_choices(self, countries: list[tuple[int, str]], organisations: list[tuple[int, str]]) -> None:
        self.country_id.choices = choices([("", "— none —")] + countries)
        self.organisation_id.choices = choices([("", "— none —")] + organisations)


class ContributionForm(FlaskForm):
    country_id = SelectField("Country", choices=[], validators=[DataRequired("Choose the country.")])
    kind = SelectField("Kind", choices=_labelled(ContributionKind))
    title = StringField("Title", validators=[DataRequired(), Length(max=300)], filters=[strip])


class ActionItemForm(FlaskForm):
    title = TextAreaField("Conclusion or decision", validators=[DataRequired()], filters=[strip])
    owner = StringField("Owner", validators=[Optional(), Length(max=200)], filters=[none_if_blank])
    status = SelectField("Status", choices=_labelled(ActionStatus), default=ActionStatus.OPEN.value)
    due_date = DateField("Due date", validators=[Optional()])
    version = VersionField()


class ActionNoteForm(FlaskForm):
    noted_on = DateField("Date", validators=[InputRequired()], default=date.today)
    text = TextAreaField("Follow-up", validators=[DataRequired()], filters=[strip])
    status = SelectField(
        "New status",
        choices=choices([("", "— unchanged —")]) + _labelled(ActionStatus),
        validators=[Optional()],
        filters=[strip],
    )


class ActionFilterForm(FilterForm):
    status = SelectField(
        "Status",
        choices=choices([("", "Outstanding (open or in progress)"), ("all", "Any status")])
        + _labelled(ActionStatus),
        validators=[Optional()],
        filters=[strip],
    )


class CertificateTemplateForm(FlaskForm):
    """The wording of certificates; the service checks the placeholders (certificates.PLACEHOLDERS)."""

    title = StringField("Title", validators=[DataRequired(), Length(max=200)], filters=[strip])
    body = TextAreaField("Text", validators=[DataRequired(), Length(max=4000)], filters=[strip])
    signature = StringField("Signature", validators=[Optional(), Length(max=300)], filters=[none_if_blank])
    version = VersionField()
