"""Import activities from CSV/XLSX through the shared machinery (every row checked; all rows or none).

Columns: Title, Kind, Status, Start, End, Programme, Topics, Beneficiaries, Contributors, Description
(and Outputs). Topics, Beneficiaries and Contributors hold several values separated by ";". A kind or
status is its code or its label; a blank status follows the dates. Countries are ISO codes or names,
matched by the tracker's one exact matcher; topics are names from the controlled list. Anything unknown
is an error on its row and column, never guessed. The list page's export has these columns, so an
exported file can be edited and imported into another tracker.
"""

import re
from datetime import date

from flask import url_for
from sqlalchemy import select

from tracker.activities.models import Activity, ActivityKind, ActivityStatus, Topic
from tracker.activities.services import apply_values, default_status
from tracker.core import audit
from tracker.core.collation import name_key
from tracker.core.imports import Col, Importer, RowError, RowReader, register_importer
from tracker.core.validation import parse_date
from tracker.countries.matching import match_country, normalise
from tracker.countries.models import Country
from tracker.extensions import db

SEPARATOR = re.compile(r"[;\n]")


def _enum_reader(enum_class, what: str):
    words = {normalise(m.value): m for m in enum_class} | {normalise(m.label): m for m in enum_class}

    def read(text: str):
        member = words.get(normalise(text))
        if member is None:
            raise ValueError(f"unknown {what} “{text}”; one of: {', '.join(m.value for m in enum_class)}")
        return member

    return read


_kind = _enum_reader(ActivityKind, "kind")
_status = _enum_reader(ActivityStatus, "status")


def _several(text: str) -> list[str]:
    return [part.strip() for part in SEPARATOR.split(text or "") if part.strip()]


@register_importer
class ActivityImporter(Importer):
    kind = "activities"
    label = "capacity-building activities"
    columns = [
        Col("title", "Title", required=True, aliases=("activity",)),
        Col("kind", "Kind", required=True, aliases=("type",)),
        Col("status", "Status"),
        Col("start", "Start", required=True, aliases=("start date", "from", "date")),
        Col("end", "End", aliases=("end date", "to")),
        Col("programme", "Programme", aliases=("program", "project", "programme or project")),
        Col("topics", "Topics", aliases=("topic",)),
        Col("beneficiaries", "Beneficiaries", required=True, aliases=("beneficiary countries",)),
        Col("contributors", "Contributors", aliases=("contributing countries",)),
        Col("description", "Description"),
        Col("outputs", "Outputs"),
    ]
    preview_headers = ["Title", "Kind", "Status", "Dates", "Beneficiaries", "Contributors", "Topics"]

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self._countries: dict[str, Country] | None = None  # iso3 -> country
        self._topics: dict[str, Topic] | None = None  # case-folded name -> topic

    @property
    def countries(self) -> dict[str, Country]:
        if self._countries is None:
            self._countries = {c.iso3: c for c in db.session.scalars(select(Country))}
        return self._countries

    @property
    def topics(self) -> dict[str, Topic]:
        if self._topics is None:
            self._topics = {t.name.casefold(): t for t in db.session.scalars(select(Topic))}
        return self._topics

    def _country_list(self, row: RowReader, key: str) -> list[Country]:
        found: dict[str, Country] = {}
        for name in _several(row.get(key)):
            iso3 = match_country(name)
            country = self.countries.get(iso3) if iso3 else None
            if country is None:
                row.error(key, f"unknown country “{name}”; write its name or ISO code")
            else:
                found[country.iso3] = country
        return sorted(found.values(), key=lambda c: name_key(c.name))

    def _topic_list(self, row: RowReader) -> list[Topic]:
        found: dict[int, Topic] = {}
        for name in _several(row.get("topics")):
            topic = self.topics.get(" ".join(name.split()).casefold())
            if topic is None:
                row.error("topics", f"unknown topic “{name}”; topics are added by an administrator")
            elif topic.retired:
                row.error("topics", f"the topic “{topic.name}” is retired")
            else:
                found[topic.id] = topic
        return sorted(found.values(), key=lambda t: name_key(t.name))

    def parse_row(self, row: RowReader):
        title = row.require("title")
        if title and len(title) > 300:
            row.error("title", "longer than 300 characters")
        kind = row.convert("kind", _kind, required=True)
        status = row.convert("status", _status)
        start = row.convert("start", parse_date, required=True)
        end = row.convert("end", parse_date)
        if start and end and end < start:
            row.error("end", "the activity cannot end before it starts")
        programme = row.get("programme") or None
        if programme and len(programme) > 200:
            row.error("programme", "longer than 200 characters")
        beneficiaries = self._country_list(row, "beneficiaries")
        if not beneficiaries and not row.get("beneficiaries"):
            row.error("beneficiaries", "at least one beneficiary country is required")
        contributors = self._country_list(row, "contributors")
        topics = self._topic_list(row)
        if row.errors:
            return None
        return {
            "kind": kind,
            "title": title,
            "status": status or default_status(start, end, date.today()),
            "start_date": start,
            "end_date": end,
            "programme": programme,
            "description": row.get("description") or None,
            "outputs": row.get("outputs") or None,
            "topics": topics,
            "beneficiaries": beneficiaries,
            "contributors": contributors,
        }

    def check_rows(self, parsed):
        """The same title and start date twice, in the file or already in the tracker, is refused."""
        dates = {item["start_date"] for _, item in parsed}
        existing = set()
        if dates:
            query = select(Activity.title, Activity.start_date).where(Activity.start_date.in_(dates))
            existing = {(title.casefold(), start) for title, start in db.session.execute(query)}
        errors, seen = [], {}
        for number, item in parsed:
            key = (item["title"].casefold(), item["start_date"])
            if key in existing:
                errors.append(
                    RowError(number, "Title", f"“{item['title']}” starting {key[1]} is already recorded")
                )
            elif key in seen:
                errors.append(RowError(number, "Title", f"the same title and start as row {seen[key]}"))
            seen.setdefault(key, number)
        return errors

    def write(self, items) -> int:
        for values in items:
            activity = Activity()
            apply_values(activity, values)
            db.session.add(activity)
        db.session.flush()
        audit.record(
            action="import",
            entity_type="activity",
            entity_id=None,
            by=self.by,
            summary=f"Imported {len(items)} activit{'y' if len(items) == 1 else 'ies'}",
        )
        return len(items)

    def preview(self, item):
        end = f" – {item['end_date']}" if item["end_date"] else ""
        return [
            item["title"],
            item["kind"].label,
            item["status"].label,
            f"{item['start_date']}{end}",
            ", ".join(c.name for c in item["beneficiaries"]),
            ", ".join(c.name for c in item["contributors"]),
            ", ".join(t.name for t in item["topics"]),
        ]

    def done_url(self):
        return url_for("activities.activity_list")
