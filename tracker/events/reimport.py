"""Re-importing an updated registrant list: which file rows are participants the event already has.

A row is the participant with its Indico registration ID, else the participant with its e-mail. A row
whose ID and e-mail point at two different participants, or two rows that are one participant, are
errors (nothing is written until corrected). A matched row changes only what the file says about that
participant, so importing the same file twice changes nothing. Participants with a registration ID that
the file no longer lists, or lists as withdrawn, are handed back for the editor to mark absent or excused.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from tracker.core.imports import RowError
from tracker.events.models import AttendanceStatus, Event, Participant
from tracker.events.participants import name_key
from tracker.extensions import db

GONE = "Withdrawn or vanished"  # the resolutions column under which the editor's marks are kept
KEEP = "keep"


@dataclass
class Parsed:
    values: dict  # every Participant column a new participant gets
    delegation: str
    decided: frozenset  # the columns the file decides for a participant already imported
    existing: Participant | None = None
    changes: dict = field(default_factory=dict)

    @property
    def action(self) -> str:
        if self.existing is None:
            return "add"
        return "update" if self.changes else "unchanged"


@dataclass
class Skipped:
    name: str | None
    reason: str
    registration_id: str | None = None
    email: str | None = None


@dataclass
class Gone:
    participant: Participant
    why: str  # "withdrawn in the file" or "not in the file"


def _label(participant: Participant) -> str:
    return participant.name or participant.email or f"participant {participant.id}"


def match_rows(event: Event, parsed: list[tuple[int, object]], *, with_ids: bool):
    """Attach each row to the participant it updates; returns (errors, gone participants)."""
    existing = list(db.session.scalars(select(Participant).where(Participant.event_id == event.id)))
    by_registration = {p.registration_id: p for p in existing if p.registration_id}
    by_email = {p.email: p for p in existing if p.email}
    errors: list[RowError] = []
    claimed: dict[int, int] = {}  # participant id -> row
    withdrawn: dict[int, Participant] = {}
    for number, item in parsed:
        if isinstance(item, Skipped):
            match = by_registration.get(item.registration_id) or by_email.get(item.email)
            if match is not None:
                withdrawn[match.id] = match
            continue
        values = item.values
        by_id = by_registration.get(values.get("registration_id"))
        by_mail = by_email.get(values["email"])
        if by_id is not None and by_mail is not None and by_id is not by_mail:
            errors.append(
                RowError(
                    number,
                    "E-mail",
                    f"matched to two people: {_label(by_id)} (registration ID {values['registration_id']}) "
                    f"and {_label(by_mail)} (e-mail {values['email']}); correct the file or the participants",
                )
            )
            claimed.setdefault(by_id.id, number)  # the row is about them: no duplicate-name noise
            claimed.setdefault(by_mail.id, number)
            continue
        match = by_id or by_mail
        if match is None:
            continue
        if by_id is None and match.registration_id and values.get("registration_id"):
            errors.append(
                RowError(
                    number,
                    "E-mail",
                    f"{values['email']} is {_label(match)}, registered under ID {match.registration_id}, "
                    f"not {values['registration_id']}",
                )
            )
            continue
        if match.id in claimed:
            errors.append(RowError(number, None, f"the same participant as row {claimed[match.id]}"))
            continue
        claimed[match.id] = number
        item.existing = match
        item.changes = {
            key: values[key] for key in item.decided if key in values and getattr(match, key) != values[key]
        }
    errors += _duplicates(parsed, [p for p in existing if p.id not in claimed])
    gone = [Gone(p, "withdrawn in the file") for p in withdrawn.values() if p.id not in claimed]
    if with_ids:
        gone += [
            Gone(p, "not in the file")
            for p in existing
            if p.registration_id and p.id not in claimed and p.id not in withdrawn
        ]
    return errors, gone


def _duplicates(parsed, unmatched: list[Participant]) -> list[RowError]:
    """The same e-mail, or the same name in the same delegation, twice in the file or once in the file
    and once among the participants no row updates: reported, not merged."""
    errors: list[RowError] = []
    existing_names = {(key, p.country_id, p.organisation_id) for p in unmatched if (key := name_key(p.name))}
    seen_emails: dict[str, int] = {}
    seen_names: dict[tuple, int] = {}
    for number, item in parsed:
        if not isinstance(item, Parsed):
            continue
        values = item.values
        if email := values["email"]:
            if email in seen_emails:
                errors.append(RowError(number, "E-mail", f"the same e-mail as row {seen_emails[email]}"))
            seen_emails.setdefault(email, number)
        if key := name_key(values["name"]):
            name = (key, values["country_id"], values["organisation_id"])
            if name in existing_names:
                errors.append(
                    RowError(
                        number,
                        "Name",
                        f"{values['name']} ({item.delegation}) is already a participant of this event",
                    )
                )
            elif name in seen_names:
                errors.append(
                    RowError(number, "Name", f"the same name and delegation as row {seen_names[name]}")
                )
            seen_names.setdefault(name, number)
    return errors


def marks(gone: list[Gone], resolutions: dict) -> list[tuple[Participant, dict]]:
    """The editor's marks for gone participants, as changes (only those that change something)."""
    chosen = resolutions.get(GONE, {})
    changes = []
    for entry in gone:
        choice = chosen.get(str(entry.participant.id), KEEP)
        if (
            choice in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)
            and entry.participant.status != choice
        ):
            changes.append((entry.participant, {"status": AttendanceStatus(choice)}))
    return changes
