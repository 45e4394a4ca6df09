"""Import an event's participants from CSV/XLSX: the tracker's own layout or an Indico registrant export.

Own layout: Name, E-mail, Country, Organisation, Institution, Role, Attendance, Attended.
Indico layout: ID, Name, First Name, Last Name, Email Address, Affiliation, Country, Position, the form's
own questions (one asking how the person attends), Registration date, Registration state, Checked in.

Only registrations whose state is "Completed" count (the others are shown as skipped, not as errors);
"Checked in" says whether the person attended. A participant represents one country or one
organisation: an affiliation that exactly names a known organisation (by name or acronym) makes the
person that organisation's delegate; otherwise the Country column decides. Country names go through the
tracker's one exact matcher; anything neither it nor the organisation index knows is listed for the user
to resolve by hand, never guessed.
"""

from collections import defaultdict
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from tracker.core.errors import DomainError
from tracker.core.imports import Col, Importer, ImportFileError, RowError, RowReader, register_importer
from tracker.core.parsing import parse_id
from tracker.core.validation import normalise_email
from tracker.countries.matching import match_country, normalise
from tracker.countries.models import Country, Organisation
from tracker.events import participants
from tracker.events.models import AttendanceMode, Event, EventFormat, Participant, ParticipantRole
from tracker.extensions import db

COMPLETED = "completed"
IN_PERSON_WORDS = {"in person", "on site", "onsite", "physical", "physically", "face to face", "present"}
ONLINE_FIRST_WORDS = {"online", "remote", "remotely", "virtual", "virtually", "video", "videoconference"}
YES = {"yes", "y", "true", "1", "x", "checked in", "attended"}
NO = {"no", "n", "false", "0", "not checked in", "not attended"}
DELEGATION_KEYS = ("country", "organisation", "affiliation")


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


def _role(text: str) -> ParticipantRole:
    key = normalise(text)
    for role in ParticipantRole:
        if key in (normalise(role.value), normalise(role.label)):
            return role
    raise ValueError(f"unknown role “{text}”; one of: {', '.join(r.value for r in ParticipantRole)}")


@dataclass
class Parsed:
    values: dict  # Participant columns
    delegation: str


@dataclass
class Skipped:
    name: str | None
    reason: str


@register_importer
class ParticipantImporter(Importer):
    kind = "participants"
    label = "participants"
    option_names = ("event_id",)
    columns = [
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
        Col("attended", "Attended", aliases=("checked in", "present")),
        Col("state", "Registration state", aliases=("registration status",)),
    ]
    preview_headers = ["Name", "E-mail", "Represents", "Role", "Attendance", "Attended", "Import"]

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self._event: Event | None = None
        self._countries: dict[str, tuple[int, str]] | None = None  # iso3 -> (id, name)
        self._country_names: dict[int, str] = {}
        self._organisations: dict[int, str] | None = None  # id -> display name
        self._organisation_index: dict[str, int] | None = None  # normalised name or acronym -> id
        self._unresolved: dict[tuple[str, str], None] = {}

    # -- options --------------------------------------------------------------------------------------
    @property
    def event(self) -> Event | None:
        if self._event is None:
            try:
                event_id = parse_id(self.options.get("event_id"))
            except ValueError:
                event_id = None
            if event_id is not None:
                self._event = db.session.get(Event, event_id)
        return self._event

    def check_options(self) -> str | None:
        raw = str(self.options.get("event_id", "")).strip()
        if not raw:
            return "Say which event the participants attended (event_id), e.g. --option event_id=3."
        if self.event is None:
            return f"There is no event with id {raw}."
        return None

    def done_url(self) -> str:
        if self.event is not None:
            return url_for("events.event_detail", event_id=self.event.id, _anchor="participants")
        return url_for("events.event_list")

    def map_headers(self, headers):
        mapping, ignored = super().map_headers(headers)
        if not set(DELEGATION_KEYS) & set(mapping.values()):
            raise ImportFileError(
                "The file lacks a column naming whom each participant represents: Country, Organisation "
                "or Affiliation."
            )
        return mapping, ignored

    # -- look-ups (one query each, once per import) ---------------------------------------------------
    def _load(self) -> None:
        if self._countries is not None:
            return
        self._countries = {
            iso3: (id_, name)
            for id_, iso3, name in db.session.execute(select(Country.id, Country.iso3, Country.name))
        }
        self._country_names = {id_: name for id_, name in self._countries.values()}
        organisations = list(
            db.session.execute(select(Organisation.id, Organisation.name, Organisation.acronym))
        )
        self._organisations = {
            id_: f"{name} ({acronym})" if acronym else name for id_, name, acronym in organisations
        }
        candidates: dict[str, set[int]] = defaultdict(set)
        for id_, name, acronym in organisations:
            for text in (name, acronym):
                if text and (key := normalise(text)):
                    candidates[key].add(id_)
        # a name or acronym two organisations share is unknown, not guessed
        self._organisation_index = {key: ids.pop() for key, ids in candidates.items() if len(ids) == 1}

    def _match_organisation(self, text: str) -> int | None:
        return self._organisation_index.get(normalise(text))

    def _choice(self, row: RowReader, key: str, text: str) -> tuple[int | None, int | None] | None:
        """The user's resolution of `text` in column `key`: (country id, organisation id), or None."""
        label = row.labels[key]
        choice = self.options.get("resolutions", {}).get(label, {}).get(text)
        if not choice:
            return None
        kind, _, value = choice.partition(":")
        if kind == "country" and value in self._countries:
            return self._countries[value][0], None
        if (
            kind == "organisation"
            and value.isascii()
            and value.isdigit()
            and int(value) in self._organisations
        ):
            return None, int(value)
        return None

    def _resolve(self, row: RowReader, key: str, text: str) -> tuple[int | None, int | None] | None:
        if key == "country" and (iso3 := match_country(text)) and iso3 in self._countries:
            return self._countries[iso3][0], None
        if (organisation_id := self._match_organisation(text)) is not None:
            return None, organisation_id
        if (chosen := self._choice(row, key, text)) is not None:
            return chosen
        self._unresolved[(row.labels[key], text)] = None
        row.error(
            key,
            f"“{text}” is not a known country or organisation: resolve it by hand in the preview, "
            "or write the country's ISO code or the organisation's exact name",
        )
        return None

    def _delegation(self, row: RowReader) -> tuple[int | None, int | None, str | None] | None:
        """(country id, organisation id, institution) of the row, or None after reporting why not."""
        country, organisation, affiliation = (row.get(key) for key in DELEGATION_KEYS)
        if organisation:
            if country:
                row.error(
                    "organisation",
                    "a participant represents one country or one organisation, not both: "
                    "leave Country or Organisation blank",
                )
                return None
            found = self._resolve(row, "organisation", organisation)
            return (*found, affiliation or None) if found else None
        if affiliation and (organisation_id := self._match_organisation(affiliation)) is not None:
            return None, organisation_id, None
        if country:
            found = self._resolve(row, "country", country)
            return (*found, affiliation or None) if found else None
        if affiliation:
            found = self._resolve(row, "affiliation", affiliation)
            return (*found, None) if found else None
        row.error("country", "say which country or organisation the participant represents")
        return None

    def _label(self, country_id: int | None, organisation_id: int | None) -> str:
        if country_id:
            return self._country_names[country_id]
        return self._organisations[organisation_id]

    # -- rows -----------------------------------------------------------------------------------------
    def parse_row(self, row: RowReader):
        self._load()
        name = (
            row.get("name") or " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p) or None
        )
        if "state" in row.values and row.get("state").casefold() != COMPLETED:
            state = row.get("state") or "blank"
            return Skipped(name, f"registration state “{state}”: only completed registrations count")
        if name and len(name) > 200:
            row.error("name", "longer than 200 characters")
        too_long = [key for key in DELEGATION_KEYS if len(row.get(key)) > 200]
        for key in too_long:
            row.error(key, "longer than 200 characters")
        email = row.convert("email", normalise_email)
        role = row.convert("role", _role) or ParticipantRole.DELEGATE
        mode = row.convert("mode", _mode)
        if mode is None and not row.get("mode"):
            mode = self._default_mode(row)
        attended = row.convert("attended", _yes_no)
        delegation = None if too_long else self._delegation(row)
        if delegation is None or row.errors:
            return None
        country_id, organisation_id, institution = delegation
        return Parsed(
            values={
                "country_id": country_id,
                "organisation_id": organisation_id,
                "role": role,
                "mode": mode,
                "attended": True if attended is None else attended,
                "name": name,
                "email": email,
                "institution": institution,
            },
            delegation=self._label(country_id, organisation_id),
        )

    def _default_mode(self, row: RowReader) -> AttendanceMode | None:
        """A blank attendance mode follows the event's format; at a hybrid event it must be said."""
        event_format = self.event.format if self.event else EventFormat.HYBRID
        if event_format == EventFormat.IN_PERSON:
            return AttendanceMode.IN_PERSON
        if event_format == EventFormat.ONLINE:
            return AttendanceMode.ONLINE
        row.error("mode", "say “in person” or “online”: the event is hybrid")
        return None

    def check_rows(self, parsed) -> list[RowError]:
        """Duplicates (the same e-mail, or the same name in the same delegation), in the file or already
        among the event's participants, are reported, not merged."""
        errors: list[RowError] = []
        existing_emails, existing_names = set(), set()
        if self.event is not None:
            for email, name, country_id, organisation_id in db.session.execute(
                select(
                    Participant.email, Participant.name, Participant.country_id, Participant.organisation_id
                ).where(Participant.event_id == self.event.id)
            ):
                if email:
                    existing_emails.add(email)
                if key := participants.name_key(name):
                    existing_names.add((key, country_id, organisation_id))
        seen_emails: dict[str, int] = {}
        seen_names: dict[tuple, int] = {}
        for number, item in parsed:
            if not isinstance(item, Parsed):
                continue
            values = item.values
            if email := values["email"]:
                if email in existing_emails:
                    errors.append(
                        RowError(number, "E-mail", f"{email} is already a participant of this event")
                    )
                elif email in seen_emails:
                    errors.append(RowError(number, "E-mail", f"the same e-mail as row {seen_emails[email]}"))
                seen_emails.setdefault(email, number)
            if key := participants.name_key(values["name"]):
                name_key = (key, values["country_id"], values["organisation_id"])
                if name_key in existing_names:
                    errors.append(
                        RowError(
                            number,
                            "Name",
                            f"{values['name']} ({item.delegation}) is already a participant of this event",
                        )
                    )
                elif name_key in seen_names:
                    errors.append(
                        RowError(
                            number, "Name", f"the same name and delegation as row {seen_names[name_key]}"
                        )
                    )
                seen_names.setdefault(name_key, number)
        return errors

    def write(self, items) -> int:
        if self.event is None:
            raise DomainError("The event these participants belong to no longer exists.")
        rows = [item.values for item in items if isinstance(item, Parsed)]
        return participants.participants_add_many(self.event, rows=rows, by=self.by)

    # -- preview --------------------------------------------------------------------------------------
    def preview(self, item):
        if isinstance(item, Skipped):
            return [item.name, None, None, None, None, None, f"skipped: {item.reason}"]
        values = item.values
        return [
            values["name"],
            values["email"],
            item.delegation,
            values["role"].label,
            values["mode"].label,
            "yes" if values["attended"] else "no",
            "will be added",
        ]

    def unresolved(self):
        """Every value no matcher knew, with every country and organisation to choose from."""
        if not self._unresolved:
            return []
        self._load()
        options = [
            (f"organisation:{id_}", f"Organisation: {name}")
            for id_, name in sorted(self._organisations.items(), key=lambda pair: pair[1].casefold())
        ]
        options += [
            (f"country:{iso3}", f"Country: {name}")
            for iso3, (_id, name) in sorted(self._countries.items(), key=lambda pair: pair[1][1])
        ]
        return [(column, raw, options) for column, raw in self._unresolved]
