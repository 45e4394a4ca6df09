from datetime import date

from flask import Response, abort, render_template, request

from tracker.core.access import Role, access
from tracker.core.cache import cached
from tracker.dashboards.charts import bar_chart
from tracker.reports import bp
from tracker.reports.output import FORMATS, filename, render
from tracker.reports.plenary import PeriodError, parse_period, plenary_report
from tracker.reports.wording import wording


def _computed(start: date, end: date):
    report = plenary_report(start, end)
    types_chart = bar_chart(
        "contact-point-types",
        "Contact points of Parties by type",
        [(report.type_labels[k], n) for k, n in report.contact_points_by_type.items()],
        label="Contact points",
    )
    return report, types_chart


@bp.get("/plenary")
@access(read=Role.VIEWER)
def plenary():
    fmt = request.args.get("format", "html")
    if fmt != "html" and fmt not in FORMATS:
        abort(400, description=f"Unknown format {fmt!r}: use html, json, xlsx or pptx.")
    try:
        start, end = parse_period(request.args.get("from"), request.args.get("to"), date.today())
    except PeriodError as error:
        abort(400, description=str(error))
    report, types_chart = cached(("plenary", start, end), lambda: _computed(start, end))
    if fmt == "html":
        return render_template(
            "reports/plenary.html", report=report, text=wording(report), types_chart=types_chart, zip=zip
        )
    disposition = "inline" if fmt == "json" else f'attachment; filename="{filename(report, fmt)}"'
    return Response(render(report, fmt), mimetype=FORMATS[fmt], headers={"Content-Disposition": disposition})
