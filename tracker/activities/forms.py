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
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.activities.models import Activity, ActivityKind, ActivityStatus
from tracker.core.forms import DateField, FilterForm, choices, none_if_blank, strip
from tracker.core.locking import VersionField


def _labelled(enum_class):
    return choices((member.value, member.label) for member in enum_class)


class ActivityFilterForm(FilterForm):
    """GET filters: no CSRF token, since they change nothing."""

    kind = SelectField(
        "Kind", choices=choices([("", "Any kind")]) + _labelled(ActivityKind), validators=[Optional()]
    )
    status = SelectField(
        "Status", choices=choices([("", "Any status")]) + _labelled(ActivityStatus), validators=[Optional()]
    )
    country = SelectField("Country", choices=choices([("", "Any country")]), validators=[Optional()])
    role = SelectField(
        "Country's role",
        choices=choices(
            [
                ("", "beneficiary or contributor"),
                ("beneficiary", "beneficiary"),
                ("contributor", "contributor"),
            ]
        ),
        validators=[Optional()],
    )
    region = SelectField(
        "Region of beneficiaries", choices=choices([("", "Any region")]), validators=[Optional()]
    )
    programme = SelectField("Programme", choices=choices([("", "Any programme")]), validators=[Optional()])
    topic = SelectField("Topic", choices=choices([("", "Any topic")]), validators=[Optional()])
    year = IntegerField("Year", validators=[Optional(), NumberRange(min=1990, max=2100)])


# a multi-select that static/js/country-picker.js enhances with a filter box (it works without the script)
PICKER = {"size": "8"}


class ActivityForm(FlaskForm):
    kind = SelectField("Kind", choices=_labelled(ActivityKind))
    title = StringField("Title", validators=[DataRequired(), Length(max=300)], filters=[strip])
    start_date = DateField("Start date", validators=[InputRequired()], default=date.today)
    end_date = DateField("End date", validators=[Optional()])
    status = SelectField(
        "Status",
        choices=choices([("", "From the dates")]) + _labelled(ActivityStatus),
        validators=[Optional()],
    )
    programme = StringField(
        "Programme or project",
        validators=[Optional(), Length(max=200)],
        filters=[none_if_blank],
        render_kw={"list": "programme-options", "autocomplete": "off"},
    )
    beneficiary_ids = SelectMultipleField(
        "Beneficiary countries",
        choices=[],
        validators=[Optional()],
        render_kw=PICKER | {"data-picker": "countries"},
    )
    contributor_ids = SelectMultipleField(
        "Contributing countries (contact points that lent expertise)",
        choices=[],
        validators=[Optional()],
        render_kw=PICKER | {"data-picker": "countries"},
    )
    topic_ids = SelectMultipleField(
        "Topics",
        choices=[],
        validators=[Optional()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    event_ids = SelectMultipleField(
        "Linked events", choices=[], validators=[Optional()], render_kw=PICKER | {"data-picker": "events"}
    )
    description = TextAreaField("Description", validators=[Optional()], filters=[none_if_blank])
    outputs = TextAreaField(
        "Outputs (documents, templates, follow-up)", validators=[Optional()], filters=[none_if_blank]
    )

    version = VersionField()

    def set_choices(self, *, countries, topics, events) -> None:
        options = choices(countries)
        self.beneficiary_ids.choices = options
        self.contributor_ids.choices = options
        self.topic_ids.choices = choices(topics)
        self.event_ids.choices = choices(events)


def activity_form_values(activity: Activity) -> dict:
    """The activity as the form holds it: what an edit starts from, and what a conflict compares with."""
    return {
        "kind": activity.kind.value,
        "title": activity.title,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "status": activity.status.value,
        "programme": activity.programme,
        "beneficiary_ids": [str(c.id) for c in activity.beneficiaries],
        "contributor_ids": [str(c.id) for c in activity.contributors],
        "topic_ids": [str(t.id) for t in activity.topics],
        "event_ids": [str(e.id) for e in activity.events],
        "description": activity.description,
        "outputs": activity.outputs,
        "version": activity.version,
    }


class TopicForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)], filters=[strip])
    version = VersionField()


class GapForm(FilterForm):
    on = DateField("As of", validators=[Optional()], default=date.today)
