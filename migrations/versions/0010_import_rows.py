"""import batches keep the rows read at upload

Revision ID: 0010_import_rows
Revises: 0009_sessions
Create Date: 2026-11-30 12:00:00

The rows are read once at upload and kept as JSON, so that the preview and the confirmation do not parse
the file again. Batches uploaded before have none (NULL) and are read from their file as before.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_import_rows'
down_revision = '0009_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rows', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_column('rows')
