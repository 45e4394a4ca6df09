"""Reading videoconference attendance reports as they are downloaded, into one header-then-rows table.

Zoom's participant report is a UTF-8 CSV, either the participant table alone ("Name (original name)",
"User Email", "Join time", "Leave time", "Duration (minutes)", ...) or, exported "with meeting data", a
meeting summary block (Meeting ID, Topic, Start time, ...) and a blank line above that table. Microsoft
Teams' attendance report is UTF-16 text separated by tabs, in sections: "1. Summary" (key, value lines),
"2. Participants" (one row per person: Name, First Join, Last Leave, In-Meeting Duration, Email,
Participant ID (UPN), Role) and "3. In-Meeting Activities" (one row per join, not read). The meeting's
start, when the file gives one, is added to every row as a "Meeting start" column.
"""

import csv
import io
import re
from datetime import date, datetime

from tracker.core.imports import ImportFileError, Table, header_key

MEETING_START = "Meeting start"
DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",  # Zoom, en-US
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y, %I:%M:%S %p",  # Teams, en-US
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y, %H:%M:%S",
    "%d/%m/%y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)
ZOOM_NAME = "name_original_name"
UNKNOWN = (
    "This is not a videoconference report the tracker knows: upload Zoom's participant report (columns "
    "“Name (original name)”, “User Email”, “Join time”, “Leave time”, “Duration (minutes)”) or the "
    "attendance report Microsoft Teams downloads (sections “1. Summary” and “2. Participants”)."
)


def possible_dates(text: str) -> list[date]:
    """Every date `text` can mean in the formats Zoom and Teams write (day and month may swap)."""
    text = re.sub(r"\s+", " ", (text or "").strip())
    found = []
    for pattern in DATE_FORMATS:
        try:
            value = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if value not in found:
            found.append(value)
    return found


def minutes(text: str) -> int:
    """ "95", "95.5", "1h 27m 51s", "27m 5s" or "1:27:51" as whole minutes (rounded)."""
    text = (text or "").strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return round(float(text))
    pattern = r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?"
    if (match := re.fullmatch(pattern, text)) and any(match.groups()):
        hours, mins, secs = (int(part or 0) for part in match.groups())
        return round(hours * 60 + mins + secs / 60)
    if match := re.fullmatch(r"(\d+):(\d{2}):(\d{2})", text):
        hours, mins, secs = (int(part) for part in match.groups())
        return round(hours * 60 + mins + secs / 60)
    raise ValueError(f"“{text}” is not a duration")


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("The file is neither UTF-8 nor UTF-16 text. " + UNKNOWN) from None


def _rows(lines: list[tuple[int, str]], delimiter: str) -> list[tuple[int, list[str]]]:
    return [
        (number, next(csv.reader(io.StringIO(line), delimiter=delimiter)))
        for number, line in lines
        if line.strip()
    ]


def _table(filename, header_row, body, start: str) -> Table:
    number, headers = header_row
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for row_number, values in body:
        cells = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(headers) if h}
        if any(cells.values()):
            rows.append((row_number, cells | {MEETING_START: start}))
    return Table(filename=filename, headers=[*headers, MEETING_START], rows=rows)


def read_report(filename: str, data: bytes) -> Table:
    """The participant table of a Zoom or Teams report; ImportFileError for any other layout."""
    if not (filename or "").lower().endswith(".csv"):
        raise ImportFileError(f"“{filename}” is not a CSV file. " + UNKNOWN)
    if not data:
        raise ImportFileError("The file is empty.")
    lines = list(enumerate(_decode(data).splitlines(), start=1))
    first = next((line.strip() for _n, line in lines if line.strip()), "")
    if header_key(first).startswith("1_summary"):
        return _teams(filename, lines)
    delimiter = "\t" if "\t" in first else ","
    rows = _rows(lines, delimiter)
    keys = [[header_key(cell) for cell in values] for _n, values in rows]
    if rows and "meeting_id" in keys[0] and len(rows) > 2:
        summary = dict(zip(keys[0], rows[1][1], strict=False))
        start = summary.get("start_time", "")
        header_at = next((i for i, k in enumerate(keys) if ZOOM_NAME in k or "name" in k[:1]), None)
        if header_at is None or header_at < 2:
            raise ImportFileError(UNKNOWN)
        return _table(filename, rows[header_at], rows[header_at + 1 :], start.strip())
    if rows and ZOOM_NAME in keys[0]:
        return _table(filename, rows[0], rows[1:], "")
    raise ImportFileError(UNKNOWN)


def _teams(filename: str, lines: list[tuple[int, str]]) -> Table:
    sections: dict[str, list[tuple[int, str]]] = {}
    current = None
    for number, line in lines:
        match = None if "\t" in line.strip() else re.fullmatch(r"(\d)\.\s+\S.*", line.strip())
        if match:
            current = match.group(1)
            sections[current] = []
        elif current:
            sections[current].append((number, line))
    summary = {
        header_key(values[0]): values[1]
        for _n, values in _rows(sections.get("1", []), "\t")
        if len(values) > 1
    }
    participants = _rows(sections.get("2", []), "\t")
    if not participants or "first_join" not in [header_key(h) for h in participants[0][1]]:
        raise ImportFileError(
            "The Teams report has no “2. Participants” section with a First Join column. " + UNKNOWN
        )
    return _table(filename, participants[0], participants[1:], summary.get("start_time", "").strip())
