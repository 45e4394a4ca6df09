"""attendance as it happens: a status instead of a yes/no, minutes online, the Indico registration ID

Revision ID: 0014_attendance
Revises: 0017_release_distributions
Create Date: 2026-12-04 10:00:00

`attended` becomes `status`: true -> 'attended', false -> 'absent' (nobody was recorded as excused before;
the downgrade folds 'excused' back into false). `minutes_online` comes from videoconference reports and
`registration_id` lets an updated Indico export find the participants it already created.
"""

from alembic import op
import sqlalchemy as sa


revision = "0014_attendance"
down_revision = "0017_release_distributions"
branch_labels = None
depends_on = None

STATUS = sa.Enum(
    "attended", "absent", "excused", name="attendance_status", native_enum=False, create_constraint=True
)


def upgrade():
    with op.batch_alter_table("participants") as batch_op:
        batch_op.add_column(sa.Column("status", STATUS, nullable=True))
        batch_op.add_column(sa.Column("minutes_online", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("registration_id", sa.String(length=40), nullable=True))
    op.execute("UPDATE participants SET status = CASE WHEN attended THEN 'attended' ELSE 'absent' END")
    with op.batch_alter_table("participants") as batch_op:
        batch_op.alter_column("status", existing_type=STATUS, nullable=False)
        batch_op.drop_column("attended")
        batch_op.create_unique_constraint(
            batch_op.f("uq_participants_event_id_registration_id"), ["event_id", "registration_id"]
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_participants_minutes_not_negative"), "minutes_online >= 0"
        )


def downgrade():
    with op.batch_alter_table("participants") as batch_op:
        batch_op.add_column(sa.Column("attended", sa.Boolean(), nullable=True))
    op.execute("UPDATE participants SET attended = (status = 'attended')")
    with op.batch_alter_table("participants") as batch_op:
        batch_op.alter_column("attended", existing_type=sa.Boolean(), nullable=False)
        batch_op.drop_constraint(batch_op.f("ck_participants_minutes_not_negative"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_participants_event_id_registration_id"), type_="unique")
        batch_op.drop_column("registration_id")
        batch_op.drop_column("minutes_online")
        batch_op.drop_constraint(batch_op.f("ck_participants_attendance_status"), type_="check")
        batch_op.drop_column("status")
