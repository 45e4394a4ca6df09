"""Import who attended an event online from a Zoom or Microsoft Teams attendance report (`reports.py`).

Each report person is matched to one of the event's participants by e-mail, then by name (the display
name or Zoom's original name); several joins of one person are added up. A matched participant is
recorded as attended online with the minutes, except that someone already recorded as attended in person
keeps that mode and only gains the minutes. A name matching two participants, or no participant, is
resolved by hand in the preview (or ignored: hosts, interpreters); a report of a meeting on another date
than the event's is refused. Online registrants the report does not list are shown for the editor to mark.
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.core import collation
from tracker.core.errors import DomainError
from tracker.core.imports import Col, ImportFileError, RowError, RowReader, register_importer
from tracker.events import participants, reimport
from tracker.events.event_importer import EventImporter
from tracker.events.models import AttendanceMode, AttendanceStatus, Participant
from tracker.events.participants import name_key
from tracker.events.reports import MEETING_START, minutes, possible_dates, read_report
from tracker.extensions import db

WHO = "Videoconference participant"  # the resolutions column for a report person matched by hand
IGNORE = "ignore"


@dataclass
class Join:
    number: int
    name: str
    names: tuple[str, ...]  # display name and, from Zoom, the original name
    email: str | None
    minutes: int
    person: "Person | None" = None


@dataclass
class Person:
    key: str
    joins: list[Join] = field(default_factory=list)
    participant: Participant | None = None
    ignored: bool = False
    changes: dict = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return sum(join.minutes for join in self.joins)

    @property
    def raw(self) -> str:
        first = self.joins[0]
        return f"{first.name} <{first.email}>" if first.email else first.name


def _names(text: str) -> tuple[str, ...]:
    """Zoom writes "Current name (Original name)" when someone renamed themselves."""
    if match := re.fullmatch(r"(.+?)\s*\(([^()]+)\)\s*", text):
        return match.group(1).strip(), match.group(2).strip()
    return (text.strip(),)


def _keys(name: str | None) -> set[str]:
    """A name compared as written and with its words in order ("Rusu, Ion" = "Ion Rusu")."""
    key = name_key(name)
    return {key, " ".join(sorted(key.split()))} if key else set()


@register_importer
class AttendanceImporter(EventImporter):
    kind = "attendance"
    label = "videoconference attendance"
    option_names = ("event_id",)
    columns = [
        Col("name", "Name", required=True, aliases=("name (original name)", "full name")),
        Col("email", "Email", aliases=("user email", "e-mail", "email address")),
        Col("upn", "Participant ID (UPN)", aliases=("upn",)),
        Col("join", "Join time", aliases=("first join",)),
        Col("leave", "Leave time", aliases=("last leave",)),
        Col(
            "minutes",
            "Duration (minutes)",
            required=True,
            aliases=("in-meeting duration", "total duration (minutes)", "duration"),
        ),
        Col("start", MEETING_START),
    ]
    preview_headers = ["Name in the report", "E-mail", "Minutes", "Participant", "Import"]
    preview_template = "events/_attendance_import.html"
    event_question = "Say which event the report is of (event_id), e.g. --option event_id=3."

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self.people: list[Person] = []
        self.gone: list[reimport.Gone] = []
        self._unresolved: dict[str, list[tuple[str, str]]] = {}
        self._marks: list | None = None

    # -- the file -------------------------------------------------------------------------------------
    def read(self, filename, data):
        table = read_report(filename, data)
        if self.event is not None and table.rows:
            first = table.rows[0][1]
            when = first.get(MEETING_START) or next(
                (
                    row.get(h)
                    for _n, row in table.rows
                    for h in ("Join time", "Join Time", "First Join")
                    if row.get(h)
                ),
                "",
            )
            dates = possible_dates(when)
            if dates and not any(self.event.start_date <= day <= self.event.end_date for day in dates):
                raise ImportFileError(
                    f"This report is of a meeting on {dates[0]:%d %b %Y}, but {self.event.title} took place "
                    f"on {self.event.dates}: upload the report of that meeting, or choose the right event."
                )
        return table

    def parse_row(self, row: RowReader):
        name = row.require("name")
        email = (row.get("email") or row.get("upn")).lower() or None
        if email and "@" not in email:
            email = None  # Teams writes a guest's UPN as an opaque ID
        count = row.convert("minutes", minutes, required=True)
        if name is None or count is None:
            return None
        return Join(row.number, name, _names(name), email, count)

    # -- matching -------------------------------------------------------------------------------------
    def check_rows(self, parsed) -> list[RowError]:
        if self.event is None:
            return []
        roster = list(
            db.session.scalars(
                select(Participant)
                .where(Participant.event_id == self.event.id)
                .options(selectinload(Participant.country), selectinload(Participant.organisation))
            )
        )
        by_email = {p.email: p for p in roster if p.email}
        by_name: dict[str, list[Participant]] = {}
        for p in roster:
            for key in _keys(p.name):
                by_name.setdefault(key, []).append(p)
        people: dict[str, Person] = {}
        for _number, join in parsed:
            key = join.email or name_key(join.name) or join.name
            join.person = people.setdefault(key, Person(key))
            join.person.joins.append(join)
        chosen = self.options.get("resolutions", {}).get(WHO, {})
        errors, matched = [], {}
        for person in people.values():
            first = person.joins[0]
            candidates = self._candidates(person, by_email, by_name)
            choice = chosen.get(person.raw)
            if choice == IGNORE:
                person.ignored = True
                continue
            if choice and choice.startswith("participant:"):
                candidates = [p for p in roster if f"participant:{p.id}" == choice]
            if len(candidates) == 1:
                target = candidates[0]
                if target.id in matched:  # one participant under two names or addresses: joins merged
                    matched[target.id].joins += person.joins
                    for join in person.joins:
                        join.person = matched[target.id]
                    continue
                person.participant = target
                matched[target.id] = person
                continue
            self._unresolved[person.raw] = self._choices(candidates or roster)
            if candidates:
                who = " and ".join(f"{p.name} ({p.delegation})" for p in candidates)
                message = f"“{first.name}” matches two people: {who}; choose in the preview"
            else:
                message = (
                    f"“{first.name}” is not a participant of this event: choose who it is in the preview"
                )
            errors.append(RowError(first.number, "Name", message))
        self.people = list(matched.values())
        for person in self.people:
            person.changes = self._changes(person.participant, sum(j.minutes for j in person.joins))
        self.gone = [
            reimport.Gone(p, "registered online, not in the report")
            for p in roster
            if p.mode == AttendanceMode.ONLINE and p.id not in matched
        ]
        return errors

    def _candidates(self, person, by_email, by_name) -> list[Participant]:
        if person.joins[0].email and person.joins[0].email in by_email:
            return [by_email[person.joins[0].email]]
        found: dict[int, Participant] = {}
        for join in person.joins:
            for text in join.names:
                for key in _keys(text):
                    found |= {p.id: p for p in by_name.get(key, [])}
        return list(found.values())

    def _choices(self, candidates) -> list[tuple[str, str]]:
        ordered = sorted(candidates, key=lambda p: collation.name_key(p.name))
        options = [
            (f"participant:{p.id}", f"{p.name or p.email} ({p.delegation}, {p.mode.label})") for p in ordered
        ]
        return options + [(IGNORE, "Not a participant (host, interpreter, secretariat…): ignore")]

    @staticmethod
    def _changes(participant: Participant, total: int) -> dict:
        wanted = {"status": AttendanceStatus.ATTENDED, "minutes_online": total}
        in_person = participant.mode == AttendanceMode.IN_PERSON and participant.attended
        if not in_person:
            wanted["mode"] = AttendanceMode.ONLINE
        return {key: value for key, value in wanted.items() if getattr(participant, key) != value}

    @property
    def marks(self) -> list:
        if self._marks is None:
            self._marks = reimport.marks(self.gone, self.options.get("resolutions", {}))
        return self._marks

    def write_count(self, items) -> int:
        return sum(1 for person in self.people if person.changes) + len(self.marks)

    def write(self, items) -> int:
        if self.event is None:
            raise DomainError("The event this report belongs to no longer exists.")
        changes = [(person.participant, person.changes) for person in self.people if person.changes]
        return participants.participants_update_many(self.event, changes=changes + self.marks, by=self.by)

    # -- preview --------------------------------------------------------------------------------------
    def preview(self, item: Join):
        person = item.person
        if person is None or person.ignored:
            return [item.name, item.email, item.minutes, None, "ignored"]
        if person.joins[0] is not item:
            return [item.name, item.email, item.minutes, None, f"added to row {person.joins[0].number}"]
        target = person.participant
        if target is None:
            return [item.name, item.email, item.minutes, None, "to resolve"]
        total = sum(j.minutes for j in person.joins)
        action = "will update: " + ", ".join(sorted(person.changes)) if person.changes else "no change"
        return [item.name, item.email, total, f"{target.name} ({target.delegation})", action]

    def unresolved(self):
        return [(WHO, raw, options) for raw, options in self._unresolved.items()]
