"""who was sent which directory version

Revision ID: 0017_release_distributions
Revises: 0012_outreach
Create Date: 2026-12-03 09:20:00

A new table only.
"""
from alembic import op
import sqlalchemy as sa


revision = '0017_release_distributions'
down_revision = '0012_outreach'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('release_distributions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('contact_point_id', sa.Integer(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contact_point_id'], ['contact_points.id'], name=op.f('fk_release_distributions_contact_point_id_contact_points')),
    sa.ForeignKeyConstraint(['message_id'], ['outbox.id'], name=op.f('fk_release_distributions_message_id_outbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['release_id'], ['directory_releases.id'], name=op.f('fk_release_distributions_release_id_directory_releases')),
    sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], name=op.f('fk_release_distributions_sent_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_release_distributions_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_release_distributions')),
    sa.UniqueConstraint('release_id', 'email', name=op.f('uq_release_distributions_release_id_email'))
    )
    with op.batch_alter_table('release_distributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_release_distributions_contact_point_id'), ['contact_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_release_distributions_release_id'), ['release_id'], unique=False)


def downgrade():
    with op.batch_alter_table('release_distributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_release_distributions_release_id'))
        batch_op.drop_index(batch_op.f('ix_release_distributions_contact_point_id'))
    op.drop_table('release_distributions')
