from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.activities import bp, exports, gaps, queries, services
from tracker.activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    GapForm,
    TopicForm,
    activity_form_values,
)
from tracker.activities.models import Activity, ActivityKind, ActivityStatus, Topic
from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.locking import ConflictError, keep_input_after_conflict, row_values
from tracker.core.pagination import page_number
from tracker.core.parsing import MAX_ID
from tracker.core.spreadsheets import download
from tracker.countries import queries as country_queries
from tracker.extensions import db

FORMATS = "any(csv, xlsx)"


def _filters() -> tuple[ActivityFilterForm, queries.ActivityFilters]:
    """The filter form (with its options) and the filters it holds; invalid input filters nothing."""
    form = ActivityFilterForm(request.args)
    form.country.choices += choices(queries.country_codes())
    form.region.choices += choices((r, r) for r in country_queries.regions())
    form.programme.choices += choices((p, p) for p in queries.programmes())
    form.topic.choices += choices((t.id, t.name) for t in queries.topics())
    if not form.validate():
        return form, queries.ActivityFilters()
    country = country_queries.country_by_iso3(form.country.data) if form.country.data else None
    return form, queries.ActivityFilters(
        kind=ActivityKind(form.kind.data) if form.kind.data else None,
        status=ActivityStatus(form.status.data) if form.status.data else None,
        country_id=country.id if country else None,
        role=(form.role.data or None) if country else None,
        region=form.region.data or None,
        programme=form.programme.data or None,
        topic_id=int(form.topic.data) if form.topic.data else None,
        year=form.year.data,
    )


@bp.get("/activities/")
@access(read=Role.VIEWER)
def activity_list():
    form, filters = _filters()
    args = filters.as_args(country=form.country.data if filters.country_id else None)
    return render_template(
        "activities/list.html",
        form=form,
        pagination=queries.activities_page(
            filters, page=page_number(), per_page=current_app.config["PAGE_SIZE"]
        ),
        counts=queries.counts_by_kind(filters),
        years=queries.activity_years(),
        filters=filters,
        args=args,
    )


@bp.get(f"/activities/export.<{FORMATS}:fmt>")
@access(read=Role.VIEWER)
def activity_export(fmt: str):
    _form, filters = _filters()
    activities = queries.activities_for_export(filters)
    # rendered before the commit, which would expire the rows and their eagerly loaded links
    response = download(exports.activity_sheets(activities), fmt, f"activities-{date.today().isoformat()}")
    audit.record_export(
        entity_type="activity",
        entity_id=None,
        by=current_user,
        summary=f"Exported {len(activities)} capacity-building activities ({fmt.upper()})",
    )
    db.session.commit()
    return response


def _activity_form(activity: Activity | None = None, data: dict | None = None) -> ActivityForm:
    if activity is not None:
        data = activity_form_values(activity)
    form = ActivityForm(data=data)
    form.set_choices(
        countries=country_queries.country_choices(),
        topics=queries.topic_options(keep_ids=[t.id for t in activity.topics] if activity else ()),
        events=queries.event_options(),
    )
    return form


def _render_form(form: ActivityForm, activity: Activity | None, event=None):
    return render_template(
        "activities/form.html",
        form=form,
        activity=activity,
        event=event,
        programmes=queries.programmes(),
    )


@bp.route("/activities/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def activity_create():
    event = None
    prefill = None
    if "event_id" in request.args:
        event_id = request.args.get("event_id", type=int)
        prefill = queries.event_prefill(event_id) if event_id and 0 < event_id <= MAX_ID else None
        if prefill is None:
            abort(404)
        event = prefill.pop("event")
    form = _activity_form(data=prefill)
    if form.validate_on_submit():
        try:
            activity = services.activity_create(data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Activity “{activity.title}” logged ({activity.status.label.lower()}).", "success")
            if request.form.get("another"):
                return redirect(url_for("activities.activity_create"))
            return redirect(url_for("activities.activity_detail", activity_id=activity.id))
    return _render_form(form, None, event)


@bp.get("/activities/<int:activity_id>")
@access(read=Role.VIEWER)
def activity_detail(activity_id: int):
    activity = queries.activity_for_page(activity_id) or abort(404)
    return render_template("activities/detail.html", activity=activity)


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def activity_edit(activity_id: int):
    activity = queries.activity_for_page(activity_id) or abort(404)
    form = _activity_form(activity)
    if form.validate_on_submit():
        try:
            services.activity_update(activity, data=form.data, version=form.version.data, by=current_user)
        except ConflictError as error:
            db.session.rollback()
            activity = queries.activity_for_page(activity_id)
            keep_input_after_conflict(
                form, error, saved=activity_form_values(activity), version=activity.version
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Activity “{activity.title}” saved.", "success")
            return redirect(url_for("activities.activity_detail", activity_id=activity.id))
    return _render_form(form, activity)


@bp.post("/activities/<int:activity_id>/delete")
@access(write=Role.EDITOR)
def activity_delete(activity_id: int):
    activity = db.get_or_404(Activity, activity_id)
    title = activity.title
    services.activity_delete(activity, by=current_user)
    db.session.commit()
    flash(f"Activity “{title}” deleted.", "info")
    return redirect(url_for("activities.activity_list"))


@bp.get("/activities/gaps")
@access(read=Role.VIEWER)
def activity_gaps():
    form = GapForm(request.args)
    day = (form.on.data if form.validate() and form.on.data else None) or date.today()
    return render_template("activities/gaps.html", form=form, gaps=gaps.gaps(day))


# -- topics (administrators) ----------------------------------------------------------------------------


@bp.route("/admin/topics/", methods=["GET", "POST"])
@access(read=Role.ADMIN, write=Role.ADMIN)
def topic_list():
    form = TopicForm()
    if form.validate_on_submit():
        try:
            topic = services.topic_create(name=form.name.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Topic “{topic.name}” added.", "success")
            return redirect(url_for("activities.topic_list"))
    return render_template(
        "activities/topics.html", form=form, topics=queries.topics(), usage=queries.topic_usage()
    )


@bp.route("/admin/topics/<int:topic_id>", methods=["GET", "POST"])
@access(read=Role.ADMIN, write=Role.ADMIN)
def topic_edit(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        try:
            services.topic_rename(topic, name=form.name.data, version=form.version.data, by=current_user)
        except ConflictError as error:
            db.session.rollback()
            topic = db.get_or_404(Topic, topic_id)
            keep_input_after_conflict(form, error, saved=row_values(form, topic), version=topic.version)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Topic renamed “{topic.name}”.", "success")
            return redirect(url_for("activities.topic_list"))
    return render_template("activities/topic_form.html", form=form, topic=topic)


@bp.post("/admin/topics/<int:topic_id>/retire")
@access(write=Role.ADMIN)
def topic_retire(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    services.topic_set_retired(topic, retired=True, by=current_user)
    db.session.commit()
    flash(f"Topic “{topic.name}” retired: it stays on past activities and is no longer offered.", "info")
    return redirect(url_for("activities.topic_list"))


@bp.post("/admin/topics/<int:topic_id>/restore")
@access(write=Role.ADMIN)
def topic_restore(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    services.topic_set_retired(topic, retired=False, by=current_user)
    db.session.commit()
    flash(f"Topic “{topic.name}” is offered again.", "success")
    return redirect(url_for("activities.topic_list"))
