"""capacity-building activities, topics and their links to countries and events

Revision ID: 0007_activities
Revises: 0006_directory
Create Date: 2026-11-30 03:11:37.059068

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_activities'
down_revision = '0006_directory'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('cp_establishment_support', 'legislation_workshop', 'accession_workshop', 'study_visit', 'regional_meeting', 'training', 'platform', 'other', name='activity_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('planned', 'ongoing', 'completed', 'cancelled', name='activity_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('programme', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('outputs', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_activities_dates_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activities_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_programme'), ['programme'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_status'), ['status'], unique=False)

    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('name', name=op.f('uq_topics_name'))
    )
    op.create_table('activity_beneficiaries',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_beneficiaries_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_activity_beneficiaries_country_id_countries')),
    sa.PrimaryKeyConstraint('activity_id', 'country_id', name=op.f('pk_activity_beneficiaries'))
    )
    with op.batch_alter_table('activity_beneficiaries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_beneficiaries_country_id'), ['country_id'], unique=False)

    op.create_table('activity_contributors',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_contributors_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_activity_contributors_country_id_countries')),
    sa.PrimaryKeyConstraint('activity_id', 'country_id', name=op.f('pk_activity_contributors'))
    )
    with op.batch_alter_table('activity_contributors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_contributors_country_id'), ['country_id'], unique=False)

    op.create_table('activity_topics',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_topics_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_activity_topics_topic_id_topics')),
    sa.PrimaryKeyConstraint('activity_id', 'topic_id', name=op.f('pk_activity_topics'))
    )
    with op.batch_alter_table('activity_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_topics_topic_id'), ['topic_id'], unique=False)

    op.create_table('activity_events',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_events_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_activity_events_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'event_id', name=op.f('pk_activity_events'))
    )
    with op.batch_alter_table('activity_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_events_event_id'), ['event_id'], unique=False)



def downgrade():
    with op.batch_alter_table('activity_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_events_event_id'))

    op.drop_table('activity_events')
    with op.batch_alter_table('activity_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_topics_topic_id'))

    op.drop_table('activity_topics')
    with op.batch_alter_table('activity_contributors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_contributors_country_id'))

    op.drop_table('activity_contributors')
    with op.batch_alter_table('activity_beneficiaries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_beneficiaries_country_id'))

    op.drop_table('activity_beneficiaries')
    op.drop_table('topics')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activities_status'))
        batch_op.drop_index(batch_op.f('ix_activities_start_date'))
        batch_op.drop_index(batch_op.f('ix_activities_programme'))
        batch_op.drop_index(batch_op.f('ix_activities_kind'))

    op.drop_table('activities')
