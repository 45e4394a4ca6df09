from datetime import date

from flask import Response, abort, jsonify, render_template, request
from flask_login import current_user

from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.cache import cached
from tracker.core.requests import wants_json
from tracker.dashboards.charts import bar_chart
from tracker.extensions import db
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


def _bad_period(error: PeriodError):
    """The refusal where the user can fix it: on the report's own form (or as JSON, if JSON was asked)."""
    if wants_json():
        return jsonify(error=str(error)), 400
    typed = {"from": request.args.get("from", ""), "to": request.args.get("to", "")}
    return render_template("reports/plenary.html", report=None, period=typed, period_error=str(error)), 400


@bp.get("/plenary")
@access(read=Role.VIEWER)
def plenary():
    fmt = request.args.get("format", "html")
    if fmt != "html" and fmt not in FORMATS:
        abort(400, description=f"Unknown format {fmt!r}: use html, json, xlsx or pptx.")
    try:
        start, end = parse_period(request.args.get("from"), request.args.get("to"), date.today())
    except PeriodError as error:
        return _bad_period(error)
    report, types_chart = cached(("plenary", start, end), lambda: _computed(start, end))
    period = {"from": start.isoformat(), "to": end.isoformat()}
    if fmt == "html":
        return render_template(
            "reports/plenary.html",
            report=report,
            period=period,
            text=wording(report),
            types_chart=types_chart,
            zip=zip,
        )
    body = render(report, fmt)
    audit.record_export(
        entity_type="plenary_report",
        by=current_user,
        summary=f"Downloaded the plenary report for {start.isoformat()} to {end.isoformat()} ({fmt.upper()})",
    )
    db.session.commit()
    disposition = "inline" if fmt == "json" else f'attachment; filename="{filename(report, fmt)}"'
    return Response(
        body,
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )
