"""The API's shapes: marshmallow schemas that serialise every response and, through apispec, write the
OpenAPI document, so the document cannot drift from what the endpoints send.

Query schemas mirror the pages' filter forms, parameter for parameter, so a filtered page and the same
filter on the API give the same rows.
"""

from flask_smorest import error_handler as smorest_errors
from marshmallow import Schema, fields, validate

from tracker.activities.models import ActivityKind, ActivityStatus
from tracker.countries.models import Status
from tracker.directory.models import ContactPointType
from tracker.directory.queries import STATES
from tracker.events.models import EventFormat, EventKind


def _one_of(enum) -> validate.OneOf:
    return validate.OneOf([member.value for member in enum])


ISO3 = {"validate": validate.Regexp(r"^[A-Za-z]{3}$", error="Give an ISO 3166 alpha-3 code, e.g. FRA.")}
YEAR = {"validate": validate.Range(min=1990, max=2100)}


# flask-smorest's: {code, status, message, errors}, the body of every refusal (auth.handle_error)
ErrorSchema = smorest_errors.ErrorSchema


# -- countries ------------------------------------------------------------------------------------------


class CountryQuery(Schema):
    on = fields.Date(metadata={"description": "The day of the treaty status (default: today)."})
    status = fields.String(validate=_one_of(Status))
    region = fields.String(validate=validate.Length(max=60))


class CountrySchema(Schema):
    iso3 = fields.String(required=True)
    iso2 = fields.String(required=True)
    name = fields.String(required=True)
    region = fields.String(allow_none=True)
    subregion = fields.String(allow_none=True)
    status = fields.String(
        required=True,
        validate=_one_of(Status),
        metadata={"description": "Status towards the Convention (ETS 185) on the day asked."},
    )
    status_label = fields.String(required=True)


# -- directory ------------------------------------------------------------------------------------------


class DirectoryQuery(Schema):
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "Institution contains"})
    country = fields.String(**ISO3)
    type = fields.String(validate=_one_of(ContactPointType))
    region = fields.String(validate=validate.Length(max=60))
    status = fields.String(validate=_one_of(Status), metadata={"description": "Convention status today"})
    state = fields.String(validate=validate.OneOf(list(STATES)), load_default="current")
    stale = fields.Boolean(load_default=False, metadata={"description": "Not verified in 12 months"})


class EntrySchema(Schema):
    """One designation, as a published version of the directory freezes it."""

    id = fields.Integer(required=True)
    country = fields.String(required=True, metadata={"description": "ISO 3166 alpha-3"})
    country_name = fields.String(required=True)
    institution = fields.String(required=True)
    unit = fields.String(allow_none=True)
    type = fields.String(required=True, validate=_one_of(ContactPointType))
    phone = fields.String(allow_none=True, metadata={"description": "E.164"})
    mobile = fields.String(allow_none=True)
    fax = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    secure_platform = fields.String(allow_none=True)
    available_24_7 = fields.Boolean(required=True)
    hours = fields.String(allow_none=True)
    timezone = fields.String(allow_none=True, metadata={"description": "IANA time zone of the hours"})
    languages = fields.List(fields.String(), required=True, metadata={"description": "ISO 639-3 codes"})
    instructions = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    # ISO dates as a release stores them (strings), so a version and today's directory read alike
    valid_from = fields.String(required=True, metadata={"format": "date"})
    valid_to = fields.String(allow_none=True, metadata={"format": "date"})


class ReleaseSchema(Schema):
    number = fields.Integer(required=True)
    released_on = fields.Date(required=True)
    note = fields.String(allow_none=True)
    entry_count = fields.Integer(required=True)
    changed_countries = fields.List(
        fields.String(), required=True, metadata={"description": "ISO alpha-3 of the countries it changed"}
    )


class ReleaseDetailSchema(ReleaseSchema):
    entries = fields.List(fields.Nested(EntrySchema), required=True)


# -- events ---------------------------------------------------------------------------------------------


class EventQuery(Schema):
    kind = fields.String(validate=_one_of(EventKind))
    year = fields.Integer(**YEAR)
    country = fields.String(**ISO3, metadata={"description": "Hosted, took part in, or sent delegates"})


class AttendanceSchema(Schema):
    """Counts only: who attended is personal data and stays in the tracker."""

    delegates = fields.Integer(required=True)
    in_person = fields.Integer(required=True)
    online = fields.Integer(required=True)
    countries = fields.Integer(required=True)
    parties = fields.Integer(required=True)
    observers = fields.Integer(required=True)
    organisations = fields.Integer(required=True)
    sentence = fields.String(required=True)


class EventSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=_one_of(EventKind))
    title = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    place = fields.String(allow_none=True)
    host_country = fields.String(allow_none=True, metadata={"description": "ISO alpha-3"})
    format = fields.String(required=True, validate=_one_of(EventFormat))
    organiser = fields.String(allow_none=True)
    attendance = fields.Nested(AttendanceSchema, required=True)


# -- activities -----------------------------------------------------------------------------------------


class ActivityQuery(Schema):
    kind = fields.String(validate=_one_of(ActivityKind))
    status = fields.String(validate=_one_of(ActivityStatus))
    country = fields.String(**ISO3)
    role = fields.String(
        validate=validate.OneOf(["beneficiary", "contributor"]),
        metadata={"description": "The country's role (with `country`); either when absent"},
    )
    region = fields.String(validate=validate.Length(max=60), metadata={"description": "Of a beneficiary"})
    programme = fields.String(validate=validate.Length(max=200))
    topic = fields.Integer(validate=validate.Range(min=1), metadata={"description": "Topic id"})
    year = fields.Integer(**YEAR)


class ActivitySchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=_one_of(ActivityKind))
    title = fields.String(required=True)
    status = fields.String(required=True, validate=_one_of(ActivityStatus))
    start_date = fields.Date(required=True)
    end_date = fields.Date(allow_none=True)
    programme = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    outputs = fields.String(allow_none=True)
    topics = fields.List(fields.String(), required=True)
    beneficiaries = fields.List(fields.String(), required=True, metadata={"description": "ISO alpha-3"})
    contributors = fields.List(fields.String(), required=True, metadata={"description": "ISO alpha-3"})
    events = fields.List(fields.Integer(), required=True, metadata={"description": "Event ids"})


# -- the plenary statistics -----------------------------------------------------------------------------


# "from" is a Python keyword, hence the dict form. The report's own parser reads the dates (as the page
# does), so both refuse the same periods with the same message.
PeriodQuery = Schema.from_dict(
    {
        "from": fields.String(metadata={"description": "First day, YYYY-MM-DD (as the report page)"}),
        "to": fields.String(metadata={"description": "Last day, YYYY-MM-DD (default: today)"}),
    },
    name="PeriodQuery",
)
PeriodSchema = Schema.from_dict(
    {"from": fields.String(required=True), "to": fields.String(required=True)}, name="Period"
)


class ReachabilitySchema(Schema):
    """Null figures when no reachability test was run in the period."""

    tests = fields.Integer(required=True)
    contact_points_tested = fields.Integer(required=True, allow_none=True)
    answered = fields.Integer(required=True, allow_none=True)
    answered_within_24h = fields.Integer(required=True, allow_none=True)
    median_response_minutes = fields.Float(required=True, allow_none=True)


class ReleasesFigureSchema(Schema):
    count = fields.Integer(required=True)
    countries = fields.List(fields.String(), required=True)


class NewContactPointSchema(Schema):
    country = fields.String(required=True)
    institution = fields.String(required=True)


class ActivityLineSchema(Schema):
    kind = fields.String(required=True)
    title = fields.String(required=True)
    start = fields.String(allow_none=True, required=True)
    beneficiaries = fields.List(fields.String(), required=True)
    contributors = fields.List(fields.String(), required=True)
    topics = fields.List(fields.String(), required=True)


class MeetingSchema(AttendanceSchema):
    title = fields.String(required=True)
    date = fields.String(required=True)
    place = fields.String(allow_none=True, required=True)
    new_member_updates = fields.List(fields.String(), required=True)
    good_practices = fields.List(fields.String(), required=True)
    conclusions = fields.List(fields.String(), required=True)


COUNTS = {"keys": fields.String(), "values": fields.Integer()}


class PlenarySchema(Schema):
    """The plenary report's JSON (`/reports/plenary?format=json`), key for key."""

    period = fields.Nested(PeriodSchema, required=True)
    parties = fields.Integer(required=True)
    parties_with_contact_point = fields.Integer(required=True)
    parties_with_multiple_contact_points = fields.Integer(required=True)
    contact_points_by_type = fields.Dict(required=True, **COUNTS)
    directory_releases = fields.Nested(ReleasesFigureSchema, required=True)
    new_contact_points = fields.List(fields.Nested(NewContactPointSchema), required=True)
    activities = fields.List(fields.Nested(ActivityLineSchema), required=True)
    meetings = fields.List(fields.Nested(MeetingSchema), required=True)
    authorities = fields.Dict(required=True, **COUNTS)
    action_items = fields.Dict(required=True, **COUNTS)
    reachability = fields.Nested(ReachabilitySchema, required=True)
