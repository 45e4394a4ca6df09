"""Certificates of attendance: a PDF per attended participant, or every one of an event in a ZIP.

The wording is a template an editor adjusts (a global default, and one per event where it differs),
with placeholders such as {name}; `check_placeholders` refuses anything but the known ones, so a template
can neither fail at printing time nor reach into Python objects (`{name.__class__}`). The PDF is drawn with
fpdf2 in DejaVu Sans, embedded (static/fonts), so "Côte d'Ivoire", "Łukasz" and "Nguyễn" print as written.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Formatter

from fpdf import FPDF

from tracker.events.models import AttendanceMode, CertificateTemplate, Event, Participant

FONTS = Path(__file__).resolve().parent.parent.parent / "static" / "fonts"
DEFAULT_ORGANISER = "the Council of Europe"

PLACEHOLDERS = {
    "name": "the participant's name",
    "delegation": "the country or organisation the participant represented",
    "event": "the event's title",
    "dates": "the event's dates",
    "place": "where the event took place",
    "mode": "in person, or online",
    "organiser": "the event's organiser (else the Council of Europe)",
}


@dataclass(frozen=True)
class Wording:
    title: str
    body: str
    signature: str | None = None


DEFAULT = Wording(
    title="Certificate of attendance",
    body=(
        "This is to certify that\n\n{name}\n\n{delegation}\n\nattended {event}, held on {dates}, {mode}.\n\n"
        "The event was organised by {organiser}."
    ),
    signature="Secretariat of the Cybercrime Convention Committee (T-CY)",
)


def check_placeholders(text: str, *, field: str) -> None:
    """Raise ValueError naming the field and the problem: unbalanced braces, an unknown placeholder, or
    a format specification (the placeholders are plain words)."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError as error:
        raise ValueError(f"{field}: {error} (write {{{{ or }}}} for a brace itself).") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)
            raise ValueError(f"{field}: unknown placeholder {{{name}}}; the known ones are {known}.")
        if spec or conversion:
            raise ValueError(f"{field}: write the placeholder {{{name}}} without a format or conversion.")


def fill(text: str, values: dict[str, str]) -> str:
    """Substitute the placeholders of a checked template, piece by piece (no str.format on user text)."""
    return "".join(
        literal + (values[name] if name is not None else "")
        for literal, name, _, _ in Formatter().parse(text)
    )


def values_for(participant: Participant, event: Event) -> dict[str, str]:
    return {
        "name": participant.name or participant.email or "—",
        "delegation": participant.delegation,
        "event": event.title,
        "dates": event.dates,
        "place": event.place or (event.host_country.name if event.host_country else ""),
        "mode": "in person" if participant.mode == AttendanceMode.IN_PERSON else "online",
        "organiser": event.organiser or DEFAULT_ORGANISER,
    }


def wording_of(template: CertificateTemplate | None) -> Wording:
    if template is None:
        return DEFAULT
    return Wording(template.title, template.body, template.signature)


class _Certificate(FPDF):
    def __init__(self):
        super().__init__(orientation="landscape", format="A4")
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(30, 25, 30)


def pdf(participant: Participant, event: Event, wording: Wording, issued_on: date) -> bytes:
    values = values_for(participant, event)
    document = _Certificate()
    document.set_title(f"{fill(wording.title, values)} – {values['name']}")
    document.set_creator("24/7 Network Tracker")
    document.add_page()
    document.set_font("DejaVu", "B", 26)
    document.ln(15)
    document.multi_cell(0, 14, fill(wording.title, values), align="C", new_x="LMARGIN", new_y="NEXT")
    document.ln(10)
    document.set_font("DejaVu", "", 14)
    for paragraph in re.split(r"\n\s*\n", fill(wording.body, values)):
        bold = paragraph.strip() == values["name"]
        document.set_font("DejaVu", "B" if bold else "", 20 if bold else 14)
        document.multi_cell(0, 10, paragraph.strip(), align="C", new_x="LMARGIN", new_y="NEXT")
        document.ln(4)
    document.set_font("DejaVu", "", 11)
    document.ln(12)
    closing = f"Issued on {issued_on.strftime('%d %B %Y')}"
    if wording.signature:
        closing += f"\n\n{fill(wording.signature, values)}"
    document.multi_cell(0, 7, closing, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


# Letters that Unicode does not decompose into a base letter and a mark
_LETTERS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ø": "O",
        "ø": "o",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ı": "i",
        "Þ": "Th",
        "þ": "th",
    }
)


def filename(participant: Participant, event: Event) -> str:
    """An ASCII file name, readable in any archive tool: certificate-2024-10-18-lukasz-nowak-12.pdf"""
    name = (participant.name or "participant").translate(_LETTERS)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-") or "participant"
    return f"certificate-{event.start_date.isoformat()}-{slug}-{participant.id}.pdf"


def archive(participants: list[Participant], event: Event, wording: Wording, issued_on: date) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for participant in participants:
            bundle.writestr(filename(participant, event), pdf(participant, event, wording, issued_on))
    return buffer.getvalue()
