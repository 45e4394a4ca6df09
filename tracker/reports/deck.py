"""The plenary report as a PowerPoint deck (python-pptx) with native, editable charts.

The slides follow the seed presentation: the directory, contact points established by Parties, types of
contact point, latest developments, capacity building, the annual meeting, the complementary directory,
and open action items. The wording is the HTML report's.
"""

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from tracker.reports.model import PlenaryReport
from tracker.reports.wording import wording

BLUE = RGBColor(0x0A, 0x3D, 0x8F)
WIDE = (Inches(13.333), Inches(7.5))


def _title_slide(deck, title: str, subtitle: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = title
    slide.placeholders[1].text = subtitle


# One title position on every content slide, and body text no smaller than a plenary room can read.
TITLE_BOX = (0.6, 0.35, 12.1, 0.95)  # left, top, width, height in inches
BODY_POINTS = 18
SMALLEST_POINTS = 16
LINE_INCHES = 0.42  # one 16-18 pt line with its spacing after
BODY_TOP, BODY_HEIGHT = 1.5, 5.6
HALF, FULL = (0.6, BODY_TOP, 6.2, BODY_HEIGHT), (0.6, BODY_TOP, 12.1, BODY_HEIGHT)


def _slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in TITLE_BOX)
    shape.text = title
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.font.size = Pt(30)
    paragraph.font.color.rgb = BLUE
    paragraph.alignment = PP_ALIGN.LEFT
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return slide


def _lines_of(text: str, width_inches: float, points: int) -> int:
    """How many printed lines `text` takes in a box `width_inches` wide (average glyph ≈ half an em)."""
    per_line = max(int(width_inches * 72 / (points * 0.5)), 1)
    return max(1, -(-(len(text) + 2) // per_line))


def _pages(lines: list[str], box: tuple, points: int) -> list[list[str]]:
    """The lines split into slide-sized groups: a long list continues on the next slide instead of being
    shrunk below the readable size or running off the slide."""
    capacity = int(box[3] / LINE_INCHES)
    pages, page, used = [], [], 0
    for line in lines or ["—"]:
        need = _lines_of(line, box[2], points)
        if page and used + need > capacity:
            pages.append(page)
            page, used = [], 0
        page.append(line)
        used += need
    return [*pages, page]


def _bullets(slide, lines: list[str], box: tuple = HALF, size: int = BODY_POINTS) -> None:
    """Bulleted lines in a text box at (left, top, width, height) inches."""
    size = max(size, SMALLEST_POINTS)
    left, top, width, height = (Inches(v) for v in box)
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines or ["—"]):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = f"▪ {line}"
        paragraph.font.size = Pt(size)
        paragraph.space_after = Pt(8)


def _text_slides(deck, title: str, lines: list[str], box: tuple = FULL, size: int = BODY_POINTS):
    """A titled slide of bullets, continued on as many slides as the lines need; the first is returned."""
    pages = _pages(lines, box, size)
    slides = []
    for number, page in enumerate(pages):
        slide = _slide(deck, title if number == 0 else f"{title} (continued)")
        _bullets(slide, page, box, size)
        slides.append(slide)
    return slides[0]


def _chart(
    slide, chart_type, categories, series: dict[str, list], *, legend: bool = False, labels: bool = True
):
    """A native chart on the right half of the slide: value axis from zero (a bar's length is its value),
    each value written on its bar or slice."""
    left, top, width, height = Inches(7.0), Inches(BODY_TOP), Inches(5.8), Inches(5.2)
    data = CategoryChartData()
    data.categories = categories
    for name, values in series.items():
        data.add_series(name, values)
    chart = slide.shapes.add_chart(chart_type, left, top, width, height, data).chart
    chart.font.size = Pt(SMALLEST_POINTS)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if chart_type not in (XL_CHART_TYPE.PIE, XL_CHART_TYPE.DOUGHNUT):
        chart.value_axis.minimum_scale = 0
        chart.value_axis.has_major_gridlines = False
    if labels:
        plot = chart.plots[0]
        plot.has_data_labels = True
        data_labels = plot.data_labels
        data_labels.show_value = True
        data_labels.number_format = "0"
        data_labels.number_format_is_linked = False
        data_labels.font.size = Pt(SMALLEST_POINTS)
    return chart


def report_pptx(report: PlenaryReport) -> bytes:
    text = wording(report)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
    _title_slide(deck, "Functioning of the 24/7 Network of contact points", text["period"])

    lines = [text["releases"], text["parties_with_contact_point"], text["parties_with_multiple"]]
    slide = _text_slides(deck, "Directory", lines, box=HALF)
    labels = [report.type_labels[k] for k in report.contact_points_by_type]
    _chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        labels,
        {"Contact points": list(report.contact_points_by_type.values())},
    )

    slide = _text_slides(deck, "Types of contact point", text["types"], box=HALF)
    _chart(
        slide,
        XL_CHART_TYPE.PIE,
        labels,
        {"Contact points": list(report.contact_points_by_type.values())},
        legend=True,
    )

    _text_slides(deck, "Latest developments", text["new_contact_points"])
    _text_slides(deck, "Capacity building activities", text["activities"])

    for meeting, lines in zip(report.meetings, text["meetings"], strict=True):
        slide = _text_slides(deck, meeting.title, lines, box=HALF)
        _chart(
            slide,
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            ["In person", "Online"],
            {"Delegates": [meeting.in_person, meeting.online]},
        )
        if meeting.conclusions:
            _text_slides(deck, f"{meeting.title}: conclusions", meeting.conclusions)

    title = "Complementary directory of authorities (Articles 24 and 27)"
    slide = _text_slides(deck, title, text["authorities"], box=HALF)
    provided, parties = report.authorities.get("provided_input", 0), report.authorities.get("parties", 0)
    _chart(
        slide,
        XL_CHART_TYPE.DOUGHNUT,
        ["Provided input", "No input yet"],
        {"Parties": [provided, max(parties - provided, 0)]},
        legend=True,
    )

    _text_slides(deck, "Reachability of the contact points", text["reachability"])
    _text_slides(deck, text["open_action_items_title"], text["open_action_items"])

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
