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
from pptx.util import Emu, Inches, Pt

from tracker.reports.model import PlenaryReport
from tracker.reports.wording import wording

BLUE = RGBColor(0x0A, 0x3D, 0x8F)
WIDE = (Inches(13.333), Inches(7.5))


def _title_slide(deck, title: str, subtitle: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = title
    slide.placeholders[1].text = subtitle


def _slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
    slide.shapes.title.text_frame.paragraphs[0].font.color.rgb = BLUE
    return slide


def _bullets(slide, lines: list[str], box: tuple = (0.6, 1.5, 6.2, 5.5), size: int = 16) -> None:
    """Bulleted lines in a text box at (left, top, width, height) inches."""
    left, top, width, height = (Inches(v) for v in box)
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines or ["—"]):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = f"▪ {line}"
        paragraph.font.size = Pt(size)
        paragraph.space_after = Pt(8)


def _chart(
    slide, chart_type, categories, series: dict[str, list], *, legend: bool = False, labels: bool = True
):
    """A native chart on the right half of the slide."""
    left, top, width, height = Inches(7.0), Inches(1.5), Inches(5.8), Inches(5.2)
    data = CategoryChartData()
    data.categories = categories
    for name, values in series.items():
        data.add_series(name, values)
    chart = slide.shapes.add_chart(chart_type, left, top, width, height, data).chart
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if labels:
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(12)
    return chart


def report_pptx(report: PlenaryReport) -> bytes:
    text = wording(report)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
    _title_slide(deck, "Functioning of the 24/7 Network of contact points", text["period"])

    slide = _slide(deck, "Directory")
    _bullets(slide, [text["releases"], text["parties_with_contact_point"], text["parties_with_multiple"]])
    labels = [report.type_labels[k] for k in report.contact_points_by_type]
    _chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        labels,
        {"Contact points": list(report.contact_points_by_type.values())},
    )

    slide = _slide(deck, "Types of contact point")
    _bullets(slide, text["types"])
    _chart(
        slide,
        XL_CHART_TYPE.PIE,
        labels,
        {"Contact points": list(report.contact_points_by_type.values())},
        legend=True,
    )

    slide = _slide(deck, "Latest developments")
    _bullets(slide, text["new_contact_points"], box=(0.6, 1.5, 12, 5.5))

    slide = _slide(deck, "Capacity building activities")
    _bullets(slide, text["activities"], box=(0.6, 1.5, 12, 5.5), size=14)

    for meeting, lines in zip(report.meetings, text["meetings"], strict=True):
        slide = _slide(deck, f"{meeting.title}")
        _bullets(slide, lines, size=14)
        _chart(
            slide,
            XL_CHART_TYPE.COLUMN_STACKED,
            ["Delegates"],
            {"In person": [meeting.in_person], "Online": [meeting.online]},
            legend=True,
        )
        if meeting.conclusions:
            slide = _slide(deck, f"{meeting.title}: conclusions")
            _bullets(slide, meeting.conclusions, box=(0.6, 1.5, 12, 5.5))

    slide = _slide(deck, "Complementary directory of authorities (Articles 24 and 27)")
    _bullets(slide, text["authorities"])
    provided, parties = report.authorities.get("provided_input", 0), report.authorities.get("parties", 0)
    _chart(
        slide,
        XL_CHART_TYPE.DOUGHNUT,
        ["Provided input", "No input yet"],
        {"Parties": [provided, max(parties - provided, 0)]},
        legend=True,
    )

    slide = _slide(deck, "Reachability of the contact points")
    _bullets(slide, text["reachability"], box=(0.6, 1.5, 12, 5.5))

    slide = _slide(deck, "Open action items")
    _bullets(slide, text["open_action_items"], box=(0.6, 1.5, 12, 5.5), size=14)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
