"""a version on every edited row (optimistic locking)

Revision ID: 0011_row_versions
Revises: 0010_import_rows
Create Date: 2026-12-03 09:10:00

Existing rows start at version 1: the server default fills them, and SQLAlchemy raises the number on
every later UPDATE (`tracker.core.locking.Versioned`).
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_row_versions'
down_revision = '0010_import_rows'
branch_labels = None
depends_on = None

TABLES = (
    'users', 'topics', 'activities', 'authorities', 'official_declarations', 'organisations', 'events',
    'participants', 'action_items',
)


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('version')
