"""people across meetings and designations; certificate-of-attendance templates

Revision ID: 0018_people
Revises: 0015_api_tokens
Create Date: 2026-12-08 00:30:00

Back-fills a person for every participant and every contact-point designation already recorded, by the
rule new rows follow (tracker/people/linking.py): the same e-mail (any case) is the same person; a
participant without an address gets a person of its own; a designation without an address stays unlinked.
The downgrade drops the tables (the links are derived from the rows, which stay).
"""

from collections import defaultdict
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = "0018_people"
down_revision = "0015_api_tokens"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_table(
        "person_emails",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_person_emails_person_id_persons"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_person_emails")),
    )
    op.create_index(op.f("ix_person_emails_person_id"), "person_emails", ["person_id"], unique=False)
    op.create_table(
        "person_participants",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_person_participants_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_person_participants_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_person_participants")),
    )
    op.create_index(
        op.f("ix_person_participants_person_id"), "person_participants", ["person_id"], unique=False
    )
    op.create_table(
        "person_contact_points",
        sa.Column("contact_point_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_point_id"],
            ["contact_points.id"],
            name=op.f("fk_person_contact_points_contact_point_id_contact_points"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_person_contact_points_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_point_id", name=op.f("pk_person_contact_points")),
    )
    op.create_index(
        op.f("ix_person_contact_points_person_id"), "person_contact_points", ["person_id"], unique=False
    )
    op.create_table(
        "persons_kept_apart",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_persons_kept_apart_ordered_pair")),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_persons_kept_apart_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["persons.id"],
            name=op.f("fk_persons_kept_apart_first_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["persons.id"],
            name=op.f("fk_persons_kept_apart_second_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_persons_kept_apart")),
    )
    op.create_index(
        op.f("ix_persons_kept_apart_second_id"), "persons_kept_apart", ["second_id"], unique=False
    )
    op.create_table(
        "certificate_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=300), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_certificate_templates_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_templates")),
        sa.UniqueConstraint("event_id", name=op.f("uq_certificate_templates_event_id")),
    )
    _backfill()


def _backfill():
    """Persons for the rows already recorded: one pass over each table, inserts in bulk."""
    bind = op.get_bind()
    meta = sa.MetaData()
    persons = sa.Table("persons", meta, autoload_with=bind)
    emails = sa.Table("person_emails", meta, autoload_with=bind)
    participant_links = sa.Table("person_participants", meta, autoload_with=bind)
    designation_links = sa.Table("person_contact_points", meta, autoload_with=bind)
    now = datetime.now(timezone.utc)

    by_email: dict[str, list] = defaultdict(list)  # address -> [(kind, id, name)]
    loose = []  # participants without an address
    for id_, name, email in bind.execute(sa.text("SELECT id, name, email FROM participants ORDER BY id")):
        key = (email or "").strip().lower()
        (by_email[key].append(("participant", id_, name)) if key else loose.append((id_, name)))
    for id_, email in bind.execute(sa.text("SELECT id, email FROM contact_points ORDER BY id")):
        if key := (email or "").strip().lower():
            by_email[key].append(("contact_point", id_, None))

    next_id = (bind.scalar(sa.select(sa.func.max(persons.c.id))) or 0) + 1
    person_rows, email_rows, participant_rows, designation_rows = [], [], [], []
    for key in sorted(by_email):
        rows = by_email[key]
        name = next((name for _, _, name in rows if name), None)
        person_rows.append({"id": next_id, "name": name, "created_at": now, "version": 1})
        email_rows.append({"email": key, "person_id": next_id})
        for kind, id_, _ in rows:
            target = participant_rows if kind == "participant" else designation_rows
            target.append({f"{kind}_id": id_, "person_id": next_id})
        next_id += 1
    for id_, name in loose:
        person_rows.append({"id": next_id, "name": name, "created_at": now, "version": 1})
        participant_rows.append({"participant_id": id_, "person_id": next_id})
        next_id += 1
    for table, rows in (
        (persons, person_rows),
        (emails, email_rows),
        (participant_links, participant_rows),
        (designation_links, designation_rows),
    ):
        if rows:
            bind.execute(table.insert(), rows)
    if bind.dialect.name == "postgresql" and person_rows:
        # ids were given explicitly: move the sequence past them
        bind.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('persons', 'id'), (SELECT max(id) FROM persons))")
        )


def downgrade():
    op.drop_table("certificate_templates")
    op.drop_index(op.f("ix_persons_kept_apart_second_id"), table_name="persons_kept_apart")
    op.drop_table("persons_kept_apart")
    op.drop_index(op.f("ix_person_contact_points_person_id"), table_name="person_contact_points")
    op.drop_table("person_contact_points")
    op.drop_index(op.f("ix_person_participants_person_id"), table_name="person_participants")
    op.drop_table("person_participants")
    op.drop_index(op.f("ix_person_emails_person_id"), table_name="person_emails")
    op.drop_table("person_emails")
    op.drop_table("persons")
