"""outreach: mail outbox, campaigns and requests, proposed changes, verifications, phone tests, digests

Revision ID: 0012_outreach
Revises: 0011_row_versions
Create Date: 2026-12-03 08:44:20

New tables only, plus two nullable columns on contact_points (the address a mail server refused, and its
answer): existing rows need no data change.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_outreach'
down_revision = '0011_row_versions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sent', 'failed', name='mail_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('refused', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_to_address'), ['to_address'], unique=False)

    op.create_table('campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('verification', 'reachability', name='campaign_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('stale_only', sa.Boolean(), nullable=False),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('reminder_after_days', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_campaigns_started_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns'))
    )
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaigns_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaigns_started_at'), ['started_at'], unique=False)

    op.create_table('outreach_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('contact_point_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('verification', 'reachability', name='request_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('nonce', sa.String(length=43), nullable=False),
    sa.Column('cp_version', sa.Integer(), nullable=False),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.Enum('acknowledged', 'confirmed', 'corrected', name='request_outcome', native_enum=False, create_constraint=True), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_outreach_requests_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['contact_point_id'], ['contact_points.id'], name=op.f('fk_outreach_requests_contact_point_id_contact_points')),
    sa.ForeignKeyConstraint(['message_id'], ['outbox.id'], name=op.f('fk_outreach_requests_message_id_outbox'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_requests')),
    sa.UniqueConstraint('nonce', name=op.f('uq_outreach_requests_nonce'))
    )
    with op.batch_alter_table('outreach_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_requests_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_requests_contact_point_id'), ['contact_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_requests_message_id'), ['message_id'], unique=False)

    op.create_table('phone_tests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_point_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('minutes_to_answer', sa.Integer(), nullable=True),
    sa.Column('called_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['called_by_id'], ['users.id'], name=op.f('fk_phone_tests_called_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_phone_tests_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['contact_point_id'], ['contact_points.id'], name=op.f('fk_phone_tests_contact_point_id_contact_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phone_tests'))
    )
    with op.batch_alter_table('phone_tests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phone_tests_called_at'), ['called_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_tests_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_tests_contact_point_id'), ['contact_point_id'], unique=False)

    op.create_table('proposed_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('contact_point_id', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'rejected', name='proposal_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['contact_point_id'], ['contact_points.id'], name=op.f('fk_proposed_changes_contact_point_id_contact_points')),
    sa.ForeignKeyConstraint(['request_id'], ['outreach_requests.id'], name=op.f('fk_proposed_changes_request_id_outreach_requests')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_proposed_changes_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposed_changes')),
    sa.UniqueConstraint('request_id', name=op.f('uq_proposed_changes_request_id'))
    )
    with op.batch_alter_table('proposed_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposed_changes_contact_point_id'), ['contact_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposed_changes_status'), ['status'], unique=False)

    op.create_table('verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_point_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source', sa.Enum('contact_point', 'correction', name='verification_source', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_verifications_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_point_id'], ['contact_points.id'], name=op.f('fk_verifications_contact_point_id_contact_points')),
    sa.ForeignKeyConstraint(['request_id'], ['outreach_requests.id'], name=op.f('fk_verifications_request_id_outreach_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verifications'))
    )
    with op.batch_alter_table('verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verifications_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_verifications_contact_point_id'), ['contact_point_id'], unique=False)

    op.create_table('digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['outbox.id'], name=op.f('fk_digests_message_id_outbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digests')),
    sa.UniqueConstraint('user_id', 'day', name=op.f('uq_digests_user_id_day'))
    )
    with op.batch_alter_table('digests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digests_day'), ['day'], unique=False)

    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_bounced_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('email_bounce_reason', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.drop_column('email_bounce_reason')
        batch_op.drop_column('email_bounced_at')

    with op.batch_alter_table('digests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digests_day'))

    op.drop_table('digests')
    with op.batch_alter_table('verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verifications_contact_point_id'))
        batch_op.drop_index(batch_op.f('ix_verifications_at'))

    op.drop_table('verifications')
    with op.batch_alter_table('proposed_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposed_changes_status'))
        batch_op.drop_index(batch_op.f('ix_proposed_changes_contact_point_id'))

    op.drop_table('proposed_changes')
    with op.batch_alter_table('phone_tests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phone_tests_contact_point_id'))
        batch_op.drop_index(batch_op.f('ix_phone_tests_campaign_id'))
        batch_op.drop_index(batch_op.f('ix_phone_tests_called_at'))

    op.drop_table('phone_tests')
    with op.batch_alter_table('outreach_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_requests_message_id'))
        batch_op.drop_index(batch_op.f('ix_outreach_requests_contact_point_id'))
        batch_op.drop_index(batch_op.f('ix_outreach_requests_campaign_id'))

    op.drop_table('outreach_requests')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaigns_started_at'))
        batch_op.drop_index(batch_op.f('ix_campaigns_kind'))

    op.drop_table('campaigns')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_to_address'))
        batch_op.drop_index(batch_op.f('ix_outbox_kind'))
        batch_op.drop_index('ix_outbox_due')
        batch_op.drop_index(batch_op.f('ix_outbox_created_at'))

    op.drop_table('outbox')
