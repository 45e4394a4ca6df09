"""Reading the public reference data shipped with the package (see data/README.md).

Each reader validates the whole file before anything is written, and names the file and line of the
first problem it finds, so a damaged file can be mended rather than half-loaded.
"""

import csv
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from tracker.countries.models import Instrument, Status

DATA = resources.files("tracker.countries") / "data"
REGIONS_FILE = "un_m49_regions.csv"
TREATY_FILES = {
    Instrument.ETS185: "budapest_convention_ets185.csv",
    Instrument.ETS189: "first_protocol_ets189_partial.csv",
    Instrument.CETS224: "second_protocol_cets224.csv",
}
_STATUS_WORDS = {"party": Status.PARTY, "signatory": Status.SIGNATORY, "invited": Status.OBSERVER}


class ReferenceDataError(ValueError):
    pass


@dataclass(frozen=True)
class Region:
    iso3: str
    region: str | None
    region_code: str | None
    subregion: str | None
    subregion_code: str | None
    intermediate_region: str | None


@dataclass(frozen=True)
class MembershipRecord:
    iso3: str
    instrument: Instrument
    recorded_status: Status
    invited_on: date | None
    signed_on: date | None
    deposited_on: date | None
    entry_into_force_on: date | None
    source_url: str | None
    note: str | None


def _rows(path: Path, required: set[str]):
    """Yield (line number, row) after checking the header; the header is line 1."""
    name = Path(str(path)).name
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise ReferenceDataError(f"{name}: file not found") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"{name}, line 1: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            if None in row:
                raise ReferenceDataError(f"{name}, line {reader.line_num}: more values than columns")
            yield reader.line_num, {key: (value or "").strip() for key, value in row.items()}


def _date(value: str, column: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(f"{where}: {column} {value!r} is not a date (YYYY-MM-DD)") from None


def _iso3(value: str, known: set[str], where: str) -> str:
    if value not in known:
        raise ReferenceDataError(f"{where}: unknown ISO 3166 alpha-3 code {value!r}")
    return value


def read_regions(known_iso3: set[str], path: Path | None = None) -> list[Region]:
    path = path or DATA / REGIONS_FILE
    required = {"iso3", "region_code", "region", "subregion_code", "subregion", "intermediate_region"}
    regions = []
    for line, row in _rows(path, required):
        where = f"{Path(str(path)).name}, line {line}"
        regions.append(
            Region(
                iso3=_iso3(row["iso3"], known_iso3, where),
                region=row["region"] or None,
                region_code=row["region_code"] or None,
                subregion=row["subregion"] or None,
                subregion_code=row["subregion_code"] or None,
                intermediate_region=row["intermediate_region"] or None,
            )
        )
    return regions


def read_memberships(
    instrument: Instrument, known_iso3: set[str], path: Path | None = None
) -> list[MembershipRecord]:
    path = path or DATA / TREATY_FILES[instrument]
    name = Path(str(path)).name
    required = {"iso3", "signature_date", "ratification_date", "entry_into_force_date", "source_url"}
    records, seen = [], set()
    for line, row in _rows(path, required):
        where = f"{name}, line {line}"
        iso3 = _iso3(row["iso3"], known_iso3, where)
        if iso3 in seen:
            raise ReferenceDataError(f"{where}: {iso3} appears twice")
        seen.add(iso3)
        deposited_on = _date(row["ratification_date"], "ratification_date", where)
        if "status" in row:  # the Convention's file states the status; the protocols' files imply it
            if row["status"] not in _STATUS_WORDS:
                raise ReferenceDataError(
                    f"{where}: status {row['status']!r} is not one of {', '.join(_STATUS_WORDS)}"
                )
            recorded = _STATUS_WORDS[row["status"]]
        else:
            recorded = Status.PARTY if deposited_on else Status.SIGNATORY
        records.append(
            MembershipRecord(
                iso3=iso3,
                instrument=instrument,
                recorded_status=recorded,
                invited_on=_date(row.get("invited_on", ""), "invited_on", where),
                signed_on=_date(row["signature_date"], "signature_date", where),
                deposited_on=deposited_on,
                entry_into_force_on=_date(row["entry_into_force_date"], "entry_into_force_date", where),
                source_url=row["source_url"] or None,
                note=row.get("note") or None,
            )
        )
    return records
