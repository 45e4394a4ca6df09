"""Corrections proposed by contact points, and the editor's review of them.

`check_correction` is the one place outreach asks the directory to judge an entry's values, so a
correction is held to exactly the directory form's rules (E.164 phones, e-mail, ISO 639 languages,
hours and time zone). Accepting applies only the fields the contact point changed, through the directory's
own `contact_point_update` (history, audit, optimistic lock), so a value an editor set meanwhile on
another field is not reverted.
"""

from dataclasses import dataclass
from datetime import date, datetime

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.time import utcnow
from tracker.directory import services as directory_services
from tracker.directory.models import ContactPoint
from tracker.directory.records import FIELDS, display, entry_record
from tracker.extensions import db
from tracker.outreach.models import (
    OutreachRequest,
    ProposalStatus,
    ProposedChange,
    Verification,
    VerificationSource,
)

# What a contact point may correct: its channels and how to reach it, not its type nor its designation.
PROPOSABLE = (
    "institution",
    "unit",
    "phone",
    "mobile",
    "fax",
    "email",
    "secure_platform",
    "available_24_7",
    "hours",
    "timezone",
    "languages",
    "instructions",
    "address",
)


class CorrectionErrors(DomainError):
    """The proposed values break the directory's rules: {field: problem}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def entry_data(cp: ContactPoint) -> dict:
    """The entry's values in the shape the directory's checks and update take."""
    data = entry_record(cp)
    data |= {"type": cp.type.value, "valid_from": cp.valid_from, "valid_to": cp.valid_to}
    return data


def _plain(value):
    return list(value) if isinstance(value, (list, tuple)) else value


def check_correction(cp: ContactPoint, data: dict) -> dict:
    """The proposed values, normalised as the directory stores them; CorrectionErrors if any is wrong."""
    merged = entry_data(cp) | {key: data.get(key) for key in PROPOSABLE}
    values, errors = directory_services.clean_entry(merged, region=cp.country.iso2)
    errors = {key: message for key, message in errors.items() if key in PROPOSABLE}
    if errors:
        raise CorrectionErrors(errors)
    return {key: _plain(values[key]) for key in PROPOSABLE}


def proposal_submit(request: OutreachRequest, *, data: dict, now: datetime) -> ProposedChange:
    cp = request.contact_point
    values = check_correction(cp, data)
    current = entry_data(cp)
    before = {key: _plain(current[key]) for key in PROPOSABLE}
    if values == before:
        raise DomainError(
            "Nothing differs from the entry as it stands. If it is right, go back and choose “Still correct”."
        )
    proposal = ProposedChange(
        request_id=request.id,
        contact_point=cp,
        base_version=cp.version,
        values=values,
        before=before,
        comment=data.get("comment"),
        submitted_at=now,
    )
    db.session.add(proposal)
    db.session.flush()
    audit.record(
        action="propose",
        entity_type="contact_point",
        entity_id=cp.id,
        summary=f"{cp.name} ({cp.country.name}) proposed corrections through its link (to review)",
        changes=audit.diff(
            {k: before[k] for k in changed_fields(proposal)}, {k: values[k] for k in changed_fields(proposal)}
        ),
    )
    return proposal


def changed_fields(proposal: ProposedChange) -> list[str]:
    """The fields the contact point changed, compared with the entry it saw."""
    return [key for key in PROPOSABLE if proposal.values.get(key) != proposal.before.get(key)]


@dataclass
class FieldChange:
    key: str
    label: str
    seen: str  # the value the contact point saw
    current: str  # the value in the directory now
    proposed: str

    @property
    def changed_meanwhile(self) -> bool:
        return self.seen != self.current


def proposal_changes(proposal: ProposedChange) -> list[FieldChange]:
    """Old → new for each field the contact point changed (with the current value, if it moved since)."""
    current = entry_data(proposal.contact_point)
    return [
        FieldChange(
            key=key,
            label=FIELDS[key],
            seen=display(key, proposal.before.get(key)),
            current=display(key, _plain(current[key])),
            proposed=display(key, proposal.values.get(key)),
        )
        for key in changed_fields(proposal)
    ]


def _require_pending(proposal: ProposedChange) -> None:
    if proposal.status != ProposalStatus.PENDING:
        raise DomainError(f"This proposal was already {proposal.status.value}.")


def proposal_accept(proposal: ProposedChange, *, version, by, today: date | None = None) -> ProposedChange:
    """Apply the changed fields to the entry (the directory checks them again) and count it as verified."""
    _require_pending(proposal)
    cp = proposal.contact_point
    data = entry_data(cp) | {key: proposal.values[key] for key in changed_fields(proposal)}
    directory_services.contact_point_update(cp, data=data, version=version, by=by)
    directory_services.contact_point_verify(cp, by=by, on=today or date.today())
    now = utcnow()
    db.session.add(
        Verification(
            contact_point=cp,
            at=now,
            source=VerificationSource.CORRECTION,
            request_id=proposal.request_id,
            by_id=getattr(by, "id", None),
        )
    )
    proposal.status, proposal.reviewed_at, proposal.reviewed_by_id = ProposalStatus.ACCEPTED, now, by.id
    db.session.flush()
    audit.record(
        action="accept",
        entity_type="proposed_change",
        entity_id=proposal.id,
        summary=f"Accepted the corrections proposed by {cp.name} ({cp.country.name})",
        by=by,
    )
    return proposal


def proposal_reject(proposal: ProposedChange, *, reason: str | None, by) -> ProposedChange:
    _require_pending(proposal)
    if not (reason or "").strip():
        raise DomainError("Say why the proposal is rejected.", field="reason")
    cp = proposal.contact_point
    proposal.status, proposal.reviewed_at, proposal.reviewed_by_id = ProposalStatus.REJECTED, utcnow(), by.id
    proposal.reason = reason.strip()
    db.session.flush()
    audit.record(
        action="reject",
        entity_type="proposed_change",
        entity_id=proposal.id,
        summary=f"Rejected the corrections proposed by {cp.name} ({cp.country.name}): {proposal.reason}",
        by=by,
    )
    return proposal
