"""Sending a published directory version to the network (editors): who receives it, and who was sent it."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.directory import queries as directory_queries
from tracker.extensions import db
from tracker.outreach import bp, distribution
from tracker.outreach.forms import DistributeForm


@bp.route("/releases/<int:number>/send", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def release_send(number: int):
    release = directory_queries.release(number, with_snapshot=False) or abort(404)
    form = DistributeForm()
    if form.validate_on_submit():
        try:
            sent = distribution.release_distribute(
                release, viewers=form.viewers.data, contact_points=form.contact_points.data, by=current_user
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Version {number} is in the outbox for {sent} new recipients.", "success")
            return redirect(url_for("outreach.release_send", number=number))
    return render_template(
        "outreach/release_send.html",
        form=form,
        release=release,
        recipients=distribution.release_recipients(release.id),
    )
