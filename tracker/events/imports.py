"""Import an event's participants from CSV/XLSX: the tracker's own layout or an Indico registrant export.

Own layout: Name, E-mail, Country, Organisation, Institution, Role, Attendance, Attended.
Indico layout: ID, Name, First Name, Last Name, Email Address, Affiliation, Country, Position, the form's
own questions (one asking how the person attends), Registration date, Registration state, Checked in.

Only registrations whose state is "Completed" count (the others are shown as skipped, not as errors).
Attendance as Indico records it: people are checked in at the venue, so "Checked in" decides for
in-person registrants only, and online registrants count as attended unless the file says otherwise (an
Attended column). The editor can switch that rule for one upload (`online_rule=checked_in`): then
"Checked in" decides for everyone. Whom a participant represents is decided in `delegations.py`; an
updated export of the same event updates the participants it already has (`reimport.py`).
"""

from tracker.core.errors import DomainError
from tracker.core.imports import Col, ImportFileError, RowReader, register_importer
from tracker.core.validation import normalise_email
from tracker.countries.matching import normalise
from tracker.events import participants, reimport
from tracker.events.delegations import DELEGATION_KEYS, DelegationResolver
from tracker.events.event_importer import EventImporter
from tracker.events.models import AttendanceMode, AttendanceStatus, EventFormat, ParticipantRole
from tracker.events.reimport import Parsed, Skipped

COMPLETED = "completed"
IN_PERSON_WORDS = {"in person", "on site", "onsite", "physical", "physically", "face to face", "present"}
ONLINE_FIRST_WORDS = {"online", "remote", "remotely", "virtual", "virtually", "video", "videoconference"}
YES = {"yes", "y", "true", "1", "x", "checked in", "attended", "present"}
NO = {"no", "n", "false", "0", "not checked in", "not attended", "absent"}
EXCUSED = {"excused", "apologies", "sent apologies"}
RULE = "Online attendance rule"  # the resolutions column under which the editor's switch is kept
ASSUME, CHECKED_IN = "assume", "checked_in"


def _mode(text: str) -> AttendanceMode:
    key = normalise(text)
    if key in IN_PERSON_WORDS or key.replace(" ", "_") == AttendanceMode.IN_PERSON.value:
        return AttendanceMode.IN_PERSON
    if key.split()[:1] and key.split()[0] in ONLINE_FIRST_WORDS:
        return AttendanceMode.ONLINE
    raise ValueError(f"“{text}” is not an attendance mode; write “in person” or “online”")


def _yes_no(text: str) -> bool:
    key = normalise(text)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(f"“{text}” is neither yes nor no")


def _status(text: str) -> AttendanceStatus:
    if normalise(text) in EXCUSED:
        return AttendanceStatus.EXCUSED
    try:
        return AttendanceStatus.ATTENDED if _yes_no(text) else AttendanceStatus.ABSENT
    except ValueError:
        raise ValueError(f"“{text}” is neither yes, no nor excused") from None


def _column_name(key: str) -> str:
    return key.removesuffix("_id").replace("_", " ") if key != "registration_id" else "registration ID"


def _role(text: str) -> ParticipantRole:
    key = normalise(text)
    for role in ParticipantRole:
        if key in (normalise(role.value), normalise(role.label)):
            return role
    raise ValueError(f"unknown role “{text}”; one of: {', '.join(r.value for r in ParticipantRole)}")


@register_importer
class ParticipantImporter(EventImporter):
    kind = "participants"
    label = "participants"
    option_names = ("event_id", "online_rule")
    columns = [
        Col("registration_id", "ID", aliases=("registration id", "registrant id")),
        Col("name", "Name", aliases=("full name", "participant")),
        Col("first_name", "First Name", aliases=("given name", "first")),
        Col("last_name", "Last Name", aliases=("surname", "family name", "last")),
        Col("email", "E-mail", aliases=("email", "email address", "e-mail address", "mail")),
        Col("country", "Country", aliases=("delegation", "state represented")),
        Col("organisation", "Organisation", aliases=("organization", "international organisation")),
        Col("affiliation", "Affiliation", aliases=("institution", "organisation/institution")),
        Col("role", "Role", aliases=("participant role",)),
        Col(
            "mode",
            "Attendance",
            aliases=(
                "how will you attend",
                "how will you participate",
                "attendance mode",
                "mode",
                "participation",
            ),
        ),
        Col("attended", "Attended", aliases=("present", "attendance status")),
        Col("checked_in", "Checked in", aliases=("checked-in", "check-in")),
        Col("state", "Registration state", aliases=("registration status",)),
    ]
    preview_headers = ["Name", "E-mail", "Represents", "Role", "Attendance", "Attended", "Import"]
    preview_template = "events/_participant_import.html"
    event_question = "Say which event the participants attended (event_id), e.g. --option event_id=3."

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self.delegations = DelegationResolver(self.options.get("resolutions", {}))
        self.present: set[str] = set()  # the column keys the file has
        self.gone: list[reimport.Gone] = []
        self._marks: list | None = None

    # -- options --------------------------------------------------------------------------------------
    @property
    def online_rule(self) -> str:
        """ASSUME (online registrants attended unless the file says otherwise) or CHECKED_IN."""
        chosen = self.options.get("resolutions", {}).get(RULE, {}).get("online")
        rule = chosen or self.options.get("online_rule") or ASSUME
        return CHECKED_IN if rule == CHECKED_IN else ASSUME

    def check_options(self) -> str | None:
        if problem := super().check_options():
            return problem
        if self.options.get("online_rule") not in (None, "", ASSUME, CHECKED_IN):
            return f"online_rule is “{ASSUME}” (the default) or “{CHECKED_IN}”."
        return None

    def map_headers(self, headers):
        mapping, ignored = super().map_headers(headers)
        self.present = set(mapping.values())
        if not set(DELEGATION_KEYS) & self.present:
            raise ImportFileError(
                "The file lacks a column naming whom each participant represents: Country, Organisation "
                "or Affiliation."
            )
        return mapping, ignored

    # -- rows -----------------------------------------------------------------------------------------
    def parse_row(self, row: RowReader):
        name = (
            row.get("name") or " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p) or None
        )
        registration_id = row.get("registration_id") or None
        if "state" in row.values and row.get("state").casefold() != COMPLETED:
            state = row.get("state") or "blank"
            email = row.get("email").lower() or None
            reason = f"registration state “{state}”: only completed registrations count"
            return Skipped(name, reason, registration_id, email)
        if name and len(name) > 200:
            row.error("name", "longer than 200 characters")
        if registration_id and len(registration_id) > 40:
            row.error("registration_id", "longer than 40 characters")
        too_long = [key for key in DELEGATION_KEYS if len(row.get(key)) > 200]
        for key in too_long:
            row.error(key, "longer than 200 characters")
        email = row.convert("email", normalise_email)
        role = row.convert("role", _role) or ParticipantRole.DELEGATE
        mode = row.convert("mode", _mode)
        if mode is None and not row.get("mode"):
            mode = self._default_mode(row)
        explicit = row.convert("attended", _status)
        checked_in = row.convert("checked_in", _yes_no)
        delegation = None if too_long else self.delegations.delegation(row)
        if delegation is None or row.errors:
            return None
        status, status_decided = self._attendance(mode, explicit, checked_in)
        country_id, organisation_id, institution = delegation
        decided = {"country_id", "organisation_id", "institution"}
        decided |= {key for key in ("name", "email", "registration_id", "role", "mode") if self._says(key)}
        if status_decided:
            decided.add("status")
        return Parsed(
            values={
                "country_id": country_id,
                "organisation_id": organisation_id,
                "role": role,
                "mode": mode,
                "status": status,
                "name": name,
                "email": email,
                "institution": institution,
                "registration_id": registration_id,
            },
            delegation=self.delegations.label(country_id, organisation_id),
            decided=frozenset(decided),
        )

    def _says(self, key: str) -> bool:
        if key == "name":
            return bool({"name", "first_name", "last_name"} & self.present)
        return key in self.present

    def _attendance(self, mode, explicit, checked_in) -> tuple[AttendanceStatus, bool]:
        """(status, whether the file decides it): see the module's docstring."""
        if explicit is not None:
            return explicit, True
        if checked_in is not None and (
            mode == AttendanceMode.IN_PERSON or checked_in or self.online_rule == CHECKED_IN
        ):
            return (AttendanceStatus.ATTENDED if checked_in else AttendanceStatus.ABSENT), True
        return AttendanceStatus.ATTENDED, False  # assumed: fills a new participant, never overwrites

    def _default_mode(self, row: RowReader) -> AttendanceMode | None:
        """A blank attendance mode follows the event's format; at a hybrid event it must be said."""
        event_format = self.event.format if self.event else EventFormat.HYBRID
        if event_format == EventFormat.IN_PERSON:
            return AttendanceMode.IN_PERSON
        if event_format == EventFormat.ONLINE:
            return AttendanceMode.ONLINE
        row.error("mode", "say “in person” or “online”: the event is hybrid")
        return None

    def check_rows(self, parsed):
        """Rows that are participants already imported become updates (reimport.py); duplicates and a
        row matched to two people are errors."""
        if self.event is None:
            return []
        errors, self.gone = reimport.match_rows(
            self.event, parsed, with_ids="registration_id" in self.present
        )
        return errors

    @property
    def marks(self) -> list:
        if self._marks is None:
            self._marks = reimport.marks(self.gone, self.options.get("resolutions", {}))
        return self._marks

    def write_count(self, items) -> int:
        changing = [i for i in items if isinstance(i, Parsed) and i.action != "unchanged"]
        return len(changing) + len(self.marks)

    def write(self, items) -> int:
        if self.event is None:
            raise DomainError("The event these participants belong to no longer exists.")
        new = [item.values for item in items if isinstance(item, Parsed) and item.action == "add"]
        updates = [
            (item.existing, item.changes) for item in items if isinstance(item, Parsed) and item.changes
        ]
        written = participants.participants_add_many(self.event, rows=new, by=self.by) if new else 0
        written += participants.participants_update_many(self.event, changes=updates + self.marks, by=self.by)
        return written

    # -- preview --------------------------------------------------------------------------------------
    def counts(self, items) -> dict[str, int]:
        counted = {"add": 0, "update": 0, "unchanged": 0, "skipped": 0}
        for item in items:
            counted["skipped" if isinstance(item, Skipped) else item.action] += 1
        return counted

    def preview(self, item):
        if isinstance(item, Skipped):
            return [item.name, None, None, None, None, None, f"skipped: {item.reason}"]
        values = item.values
        action = {
            "add": "will be added",
            "unchanged": "already imported, no change",
            "update": "will update: " + ", ".join(sorted(_column_name(key) for key in item.changes)),
        }[item.action]
        status = (
            values["status"].label if "status" in item.decided or item.existing is None else "(unchanged)"
        )
        return [
            values["name"],
            values["email"],
            item.delegation,
            values["role"].label,
            values["mode"].label,
            status,
            action,
        ]

    def unresolved(self):
        return self.delegations.unresolved()
