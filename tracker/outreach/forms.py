"""Forms for outreach. They parse; the services judge (the directory's entry checks for corrections)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.core.forms import FilterForm, choices, none_if_blank, strip
from tracker.core.mail import MailStatus
from tracker.outreach.models import CampaignKind


class ActionForm(FlaskForm):
    """Only the CSRF token: buttons that post nothing else."""


class OutboxFilterForm(FilterForm):
    status = SelectField(
        "Status",
        choices=choices([("", "Any status")] + [(s.value, s.label) for s in MailStatus]),
        validators=[Optional()],
    )


class CampaignForm(FlaskForm):
    kind = RadioField(
        "Kind",
        choices=choices((k.value, k.label) for k in CampaignKind),
        default=CampaignKind.VERIFICATION.value,
        validators=[InputRequired()],
    )
    stale_only = BooleanField("Only contact points not verified in the last 12 months")
    countries = StringField(
        "Countries (ISO alpha-3 codes, comma-separated; blank for all)",
        validators=[Optional(), Length(max=2000)],
        filters=[none_if_blank],
    )
    reminder_after_days = IntegerField(
        "Remind those who have not answered after (days)",
        validators=[Optional(), NumberRange(min=1, max=365)],
        default=14,
    )


class SendLinkForm(FlaskForm):
    kind = HiddenField(default=CampaignKind.VERIFICATION.value)


class CorrectionForm(FlaskForm):
    """What a contact point may correct about its own entry (not its type nor its designation dates)."""

    institution = StringField("Institution", validators=[DataRequired(), Length(max=200)], filters=[strip])
    unit = StringField("Unit", validators=[Optional(), Length(max=200)], filters=[none_if_blank])
    phone = StringField("Phone", filters=[none_if_blank])
    mobile = StringField("Mobile", filters=[none_if_blank])
    fax = StringField("Fax", filters=[none_if_blank])
    email = StringField("E-mail", filters=[none_if_blank])
    secure_platform = StringField(
        "Secure platform handle", validators=[Optional(), Length(max=200)], filters=[none_if_blank]
    )
    available_24_7 = BooleanField("Available 24/7")
    hours = StringField("Hours (when not 24/7)", filters=[none_if_blank])
    timezone = StringField("Time zone of the hours", filters=[none_if_blank])
    languages = StringField("Languages", filters=[none_if_blank])
    instructions = TextAreaField(
        "Instructions", validators=[Optional(), Length(max=5000)], filters=[none_if_blank]
    )
    address = TextAreaField("Address", validators=[Optional(), Length(max=2000)], filters=[none_if_blank])
    comment = TextAreaField(
        "Anything the secretariat should know",
        validators=[Optional(), Length(max=2000)],
        filters=[none_if_blank],
    )


class AcceptForm(FlaskForm):
    version = HiddenField()


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "Reason (kept with the proposal)",
        validators=[DataRequired("Say why the proposal is rejected."), Length(max=2000)],
        filters=[strip],
    )


class PhoneTestForm(FlaskForm):
    contact_point_id = SelectField("Contact point", coerce=int, validators=[InputRequired()])
    called_at = DateTimeLocalField(
        "Called at (UTC)", format="%Y-%m-%dT%H:%M", validators=[InputRequired("Give the time of the call.")]
    )
    answered = BooleanField("Answered")
    minutes_to_answer = IntegerField(
        "Minutes to answer", validators=[Optional(), NumberRange(min=0, max=60 * 24 * 30)]
    )
    note = TextAreaField("Note", validators=[Optional(), Length(max=2000)], filters=[none_if_blank])


class DistributeForm(FlaskForm):
    viewers = BooleanField("Viewer accounts (the Parties' representatives)", default=True)
    contact_points = BooleanField("Designated contact points with an e-mail address")
