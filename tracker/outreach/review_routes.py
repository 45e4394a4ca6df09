"""The review queue: corrections proposed by contact points, old → new per field, accepted or rejected."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.extensions import db
from tracker.outreach import bp, queries, review
from tracker.outreach.forms import AcceptForm, RejectForm
from tracker.outreach.models import ProposalStatus


@bp.get("/proposals")
@access(read=Role.EDITOR)
def proposal_list():
    show_all = request.args.get("all") == "1"
    return render_template(
        "outreach/proposals.html",
        proposals=queries.proposals(None if show_all else ProposalStatus.PENDING),
        show_all=show_all,
    )


def _review_page(proposal, accept_form, reject_form, status: int = 200):
    return (
        render_template(
            "outreach/proposal.html",
            proposal=proposal,
            changes=review.proposal_changes(proposal),
            accept_form=accept_form,
            reject_form=reject_form,
        ),
        status,
    )


@bp.get("/proposals/<int:proposal_id>")
@access(read=Role.EDITOR)
def proposal_detail(proposal_id: int):
    proposal = queries.proposal(proposal_id) or abort(404)
    return _review_page(proposal, AcceptForm(version=proposal.contact_point.version), RejectForm())


@bp.post("/proposals/<int:proposal_id>/accept")
@access(write=Role.EDITOR)
def proposal_accept(proposal_id: int):
    proposal = queries.proposal(proposal_id) or abort(404)
    form = AcceptForm()
    if form.validate_on_submit():
        try:
            review.proposal_accept(proposal, version=form.version.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            proposal = queries.proposal(proposal_id)
            form = AcceptForm(formdata=None, version=proposal.contact_point.version)
            form.form_errors.append(str(error))
            return _review_page(proposal, form, RejectForm(), status=409)
        db.session.commit()
        flash(f"Corrections applied to {proposal.contact_point.name}.", "success")
        return redirect(url_for("directory.contact_point_detail", cp_id=proposal.contact_point_id))
    return redirect(url_for("outreach.proposal_detail", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/reject")
@access(write=Role.EDITOR)
def proposal_reject(proposal_id: int):
    proposal = queries.proposal(proposal_id) or abort(404)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            review.proposal_reject(proposal, reason=form.reason.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Proposal rejected; the entry is unchanged.", "success")
            return redirect(url_for("outreach.proposal_list"))
    proposal = queries.proposal(proposal_id)
    return _review_page(proposal, AcceptForm(version=proposal.contact_point.version), form, status=400)
