"""data version for never-stale caches

Revision ID: 0008_data_version
Revises: 0007_activities
Create Date: 2026-11-30 03:50:15.896852

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_data_version'
down_revision = '0007_activities'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )


def downgrade():
    op.drop_table('data_version')
