"""Editor pages: the outbox, campaigns (start, figures per country, export, reminders, close), one link to
one contact point, and phone tests logged by hand."""

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.mail import MailStatus
from tracker.core.mail_sending import outbox_retry
from tracker.core.pagination import page_number
from tracker.core.spreadsheets import download
from tracker.core.time import utcnow
from tracker.directory.models import ContactPoint
from tracker.extensions import db
from tracker.outreach import bp, exports, queries, services
from tracker.outreach.forms import ActionForm, CampaignForm, OutboxFilterForm, PhoneTestForm, SendLinkForm
from tracker.outreach.models import CampaignKind


@bp.get("/outbox")
@access(read=Role.EDITOR)
def outbox():
    form = OutboxFilterForm(request.args)
    form.validate()
    status = MailStatus(form.status.data) if form.status.data and not form.status.errors else None
    pagination = queries.outbox_page(status, page=page_number(), per_page=current_app.config["PAGE_SIZE"])
    return render_template(
        "outreach/outbox.html",
        form=form,
        pagination=pagination,
        counts=queries.outbox_counts(),
        status=status,
        action_form=ActionForm(),
        mail_server=current_app.config.get("MAIL_SERVER"),
    )


@bp.post("/outbox/<int:message_id>/retry")
@access(write=Role.EDITOR)
def outbox_message_retry(message_id: int):
    message = queries.outbox_message(message_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            outbox_retry(message, by=current_user)
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(
                f"The mail to {message.to_address} will be tried again at the next sending pass.", "success"
            )
    return redirect(url_for("outreach.outbox", status="failed"))


@bp.get("/")
@access(read=Role.EDITOR)
def campaign_list():
    return render_template("outreach/campaigns.html", campaigns=queries.campaigns())


@bp.route("/campaigns/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def campaign_start():
    form = CampaignForm(kind=request.args.get("kind", CampaignKind.VERIFICATION.value))
    if form.validate_on_submit():
        try:
            campaign = services.campaign_start(
                kind=CampaignKind(form.kind.data),
                stale_only=form.stale_only.data,
                countries=services.parse_countries(form.countries.data),
                reminder_after_days=form.reminder_after_days.data,
                by=current_user,
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"{campaign.title} started: {len(campaign.requests)} mails queued.", "success")
            return redirect(url_for("outreach.campaign_detail", campaign_id=campaign.id))
    return render_template("outreach/campaign_form.html", form=form)


@bp.get("/campaigns/<int:campaign_id>")
@access(read=Role.EDITOR)
def campaign_detail(campaign_id: int):
    campaign = queries.campaign(campaign_id) or abort(404)
    requests = queries.campaign_requests(campaign_id)
    return render_template(
        "outreach/campaign.html",
        campaign=campaign,
        figures=exports.with_totals(queries.campaign_figures(campaign_id), requests),
        requests=requests,
        action_form=ActionForm(),
    )


@bp.get("/campaigns/<int:campaign_id>/export.<any(csv, xlsx):fmt>")
@access(read=Role.EDITOR)
def campaign_export(campaign_id: int, fmt: str):
    campaign = queries.campaign(campaign_id) or abort(404)
    requests = queries.campaign_requests(campaign_id)
    sheets = exports.campaign_sheets(campaign, queries.campaign_figures(campaign_id), requests)
    audit.record_export(
        entity_type="campaign",
        entity_id=campaign.id,
        summary=f"Exported {campaign.title} as {fmt.upper()}",
        by=current_user,
    )
    db.session.commit()
    return download(sheets, fmt, f"campaign-{campaign.id}-{campaign.started_at:%Y-%m-%d}")


@bp.post("/campaigns/<int:campaign_id>/remind")
@access(write=Role.EDITOR)
def campaign_remind(campaign_id: int):
    campaign = queries.campaign(campaign_id) or abort(404)
    if ActionForm().validate_on_submit():
        count = services.campaign_remind(campaign, by=current_user)
        db.session.commit()
        flash(f"{count} reminders queued.", "success")
    return redirect(url_for("outreach.campaign_detail", campaign_id=campaign.id))


@bp.post("/campaigns/<int:campaign_id>/close")
@access(write=Role.EDITOR)
def campaign_close(campaign_id: int):
    campaign = queries.campaign(campaign_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            services.campaign_close(campaign, by=current_user)
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(f"{campaign.title} is closed: its links no longer take answers.", "success")
    return redirect(url_for("outreach.campaign_detail", campaign_id=campaign.id))


@bp.post("/contact-points/<int:cp_id>/send-link")
@access(write=Role.EDITOR)
def link_send(cp_id: int):
    cp = db.get_or_404(ContactPoint, cp_id)
    form = SendLinkForm()
    if form.validate_on_submit():
        try:
            kind = CampaignKind(form.kind.data or CampaignKind.VERIFICATION.value)
            services.link_send(cp, kind=kind, by=current_user)
        except (DomainError, ValueError) as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(f"A {kind.value} link to {cp.email} is in the outbox.", "success")
    return redirect(url_for("directory.contact_point_detail", cp_id=cp.id))


@bp.route("/phone-tests", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def phone_tests():
    form = PhoneTestForm(data={"called_at": utcnow().replace(second=0, microsecond=0, tzinfo=None)})
    form.contact_point_id.choices = choices(
        [(0, "— choose the contact point —")]
        + [(cp.id, f"{cp.country.name}: {cp.name}") for cp in queries.current_contact_points(date.today())]
    )
    if form.validate_on_submit():
        try:
            services.phone_test_log(data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Test call logged.", "success")
            return redirect(url_for("outreach.phone_tests"))
    return render_template("outreach/phone_tests.html", form=form, tests=queries.phone_tests())
