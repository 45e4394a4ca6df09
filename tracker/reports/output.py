"""One report, four renderings: the bytes and media type of each format."""

import json

from tracker.reports.deck import report_pptx
from tracker.reports.model import PlenaryReport
from tracker.reports.workbook import report_xlsx

FORMATS = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def render(report: PlenaryReport, fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return report_xlsx(report)
    if fmt == "pptx":
        return report_pptx(report)
    raise ValueError(f"Unknown format {fmt!r}: use one of html, {', '.join(FORMATS)}")


def filename(report: PlenaryReport, fmt: str) -> str:
    return f"plenary-statistics-{report.period_from}-to-{report.period_to}.{fmt}"
