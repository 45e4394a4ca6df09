"""The pages a contact point reaches through its link, without logging in.

They show the one entry the link is bound to and nothing else (no navigation, no other entry, nothing
about the network), are rate-limited per client address (OUTREACH_PUBLIC_LIMIT) and CSRF-protected like
every form. A link that cannot be used gets a page saying why and what to do, and writes nothing.
"""

from flask import current_app, render_template

from tracker.core.access import public
from tracker.core.errors import DomainError
from tracker.directory.records import FIELDS
from tracker.extensions import db, limiter
from tracker.outreach import bp, links, review
from tracker.outreach.forms import ActionForm, CorrectionForm
from tracker.outreach.models import CampaignKind


def _limit():
    return current_app.config["OUTREACH_PUBLIC_LIMIT"]


def _problem(problem: links.LinkProblem):
    status = 400 if problem.kind == "invalid" else 410
    return render_template("outreach/public/problem.html", problem=problem), status


def _done(title: str, text: str):
    return render_template("outreach/public/done.html", title=title, text=text)


@bp.get("/v/<token>")
@public
@limiter.limit(_limit)
def link_open(token: str):
    try:
        request = links.open_link(token)
    except links.LinkProblem as problem:
        return _problem(problem)
    return render_template(
        "outreach/public/entry.html",
        link_request=request,
        cp=request.contact_point,
        form=ActionForm(),
        token=token,
    )


@bp.post("/v/<token>/acknowledge")
@public
@limiter.limit(_limit)
def link_acknowledge(token: str):
    try:
        request = links.open_link(token)
    except links.LinkProblem as problem:
        return _problem(problem)
    if request.kind != CampaignKind.REACHABILITY or not ActionForm().validate_on_submit():
        return _problem(links.LinkProblem("invalid"))
    links.link_acknowledge(request)
    db.session.commit()
    return _done("Thank you", "Your acknowledgement of the test message has been recorded.")


@bp.post("/v/<token>/confirm")
@public
@limiter.limit(_limit)
def link_confirm(token: str):
    try:
        request = links.open_link(token)
    except links.LinkProblem as problem:
        return _problem(problem)
    if request.kind != CampaignKind.VERIFICATION or not ActionForm().validate_on_submit():
        return _problem(links.LinkProblem("invalid"))
    links.link_confirm(request)
    db.session.commit()
    return _done("Thank you", "Your confirmation that the entry is still correct has been recorded.")


@bp.route("/v/<token>/correct", methods=["GET", "POST"])
@public
@limiter.limit(_limit)
def link_correct(token: str):
    try:
        request = links.open_link(token)
    except links.LinkProblem as problem:
        return _problem(problem)
    if request.kind != CampaignKind.VERIFICATION:
        return _problem(links.LinkProblem("invalid"))
    cp = request.contact_point
    current = review.entry_data(cp)
    form = CorrectionForm(data=current | {"languages": ", ".join(cp.languages or [])})
    if form.validate_on_submit():
        try:
            links.link_propose(request, data=form.data)
        except review.CorrectionErrors as error:
            db.session.rollback()
            for key, message in error.errors.items():
                getattr(form, key).errors = [*getattr(form, key).errors, message]
        except DomainError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            return _done(
                "Thank you",
                "Your corrections have been sent to the secretariat, who will review them before the "
                "directory changes.",
            )
    return render_template("outreach/public/correct.html", form=form, cp=cp, token=token, labels=FIELDS)
