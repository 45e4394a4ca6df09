"""What every import into one event shares: the event named by the `event_id` option, looked up once,
named on the upload and preview pages, and where the editor lands afterwards."""

from flask import url_for

from tracker.core.imports import Importer
from tracker.core.parsing import parse_id
from tracker.events.models import Event
from tracker.extensions import db


class EventImporter(Importer):
    """An importer whose rows belong to one event (`--option event_id=N`)."""

    # what the rows are, for the message asking which event: "the participants attended", "the report is of"
    event_question = "Say which event the rows belong to (event_id), e.g. --option event_id=3."

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self._event: Event | None = None

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
            return self.event_question
        return None if self.event is not None else f"There is no event with id {raw}."

    def target(self) -> str | None:
        return f"{self.event.title} ({self.event.dates})" if self.event is not None else None

    def done_url(self) -> str:
        if self.event is not None:
            return url_for("events.event_detail", event_id=self.event.id, _anchor="participants")
        return url_for("events.event_list")
