"""The audit trail in words: entity types and field names as the pages label them, values as a person
writes them, and a link to each record that has a page.

The trail stores what was changed in the code's own terms (`contact_point`, `last_verified_on`, `True`),
which is right for a record that must not drift; this module only translates them for the admin page, so
renaming a label never rewrites history.
"""

from flask import url_for

# entity type -> (label, endpoint of its page, the endpoint's argument)
ENTITIES: dict[str, tuple[str, str | None, str | None]] = {
    "contact_point": ("Contact point", "directory.contact_point_detail", "cp_id"),
    "event": ("Event", "events.event_detail", "event_id"),
    "activity": ("Capacity-building activity", "activities.activity_detail", "activity_id"),
    "action_item": ("Action item", "events.action_item_edit", "action_item_id"),
    "participant": ("Participant", "events.participant_edit", "participant_id"),
    "contribution": ("Contribution to a meeting", None, None),
    "organisation": ("Organisation", "countries.organisation_edit", "organisation_id"),
    "authority": ("Authority (Art. 24/27)", "authorities.authority_edit", "authority_id"),
    "official_declaration": ("Official declaration", "authorities.declaration_edit", "declaration_id"),
    "party_input": ("Party's input", None, None),
    "topic": ("Topic", "activities.topic_edit", "topic_id"),
    "user": ("User account", "accounts.user_edit", "user_id"),
    "campaign": ("Outreach campaign", "outreach.campaign_detail", "campaign_id"),
    "proposed_change": ("Proposed correction", "outreach.proposal_detail", "proposal_id"),
    "directory_release": ("Directory version", None, None),
    "phone_test": ("Phone test", None, None),
    "outbox": ("Outgoing mail", None, None),
    "plenary_report": ("Plenary report", None, None),
    "dashboard_chart": ("Dashboard chart", None, None),
}

# field names whose label is not just the name in words
FIELD_LABELS = {
    "last_verified_on": "Last verified",
    "verified_by": "Verified by",
    "valid_from": "Designated from",
    "valid_to": "Designated until",
    "available_24_7": "Available 24/7",
    "secure_platform": "Secure platform",
    "timezone": "Time zone",
    "email": "E-mail",
    "iso3": "Country (ISO code)",
    "country_id": "Country",
    "event_id": "Event",
    "organisation_id": "Organisation",
    "due_date": "Due",
    "start_date": "Start",
    "end_date": "End",
    "totp_enabled": "Two-step sign-in",
}

ACTIONS = {
    "create": "created",
    "update": "changed",
    "delete": "deleted",
    "end": "ended",
    "verify": "verified",
}


def entity_label(entity_type: str) -> str:
    return ENTITIES.get(entity_type, (entity_type.replace("_", " ").capitalize(), None, None))[0]


def entity_url(entity_type: str, entity_id) -> str | None:
    """The page of the record, or None when it has none (or the trail holds no id)."""
    _label, endpoint, argument = ENTITIES.get(entity_type, (None, None, None))
    if endpoint is None or entity_id is None:
        return None
    try:
        return url_for(endpoint, **{argument: int(entity_id)})
    except (ValueError, TypeError):
        return None


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def action_label(action: str) -> str:
    return ACTIONS.get(action, action.replace("_", " "))


def value_text(value) -> str:
    """True → yes, False → no, nothing → “(empty)”; lists as the names separated by commas."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


TEMPLATE_HELPERS = {
    "entity_label": entity_label,
    "entity_url": entity_url,
    "field_label": field_label,
    "action_label": action_label,
    "value_text": value_text,
}
