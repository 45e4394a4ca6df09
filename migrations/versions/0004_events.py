"""events and attendance: events, countries involved, participants, contributions, action items and notes

Revision ID: 0004_events
Revises: 0002_import_batches
Create Date: 2026-11-30 02:49:12.456726

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_events'
down_revision = '0002_import_batches'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('annual_meeting', 'plenary', 'workshop', 'study_visit', 'regional_meeting', 'training', 'exercise', 'conference', 'other', name='event_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('host_country_id', sa.Integer(), nullable=True),
    sa.Column('format', sa.Enum('in_person', 'online', 'hybrid', name='event_format', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('organiser', sa.String(length=300), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_events_dates_in_order')),
    sa.ForeignKeyConstraint(['host_country_id'], ['countries.id'], name=op.f('fk_events_host_country_id_countries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_host_country_id'), ['host_country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_start_date'), ['start_date'], unique=False)

    op.create_table('action_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('status', sa.Enum('open', 'in_progress', 'done', 'dropped', name='action_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_action_items_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_items'))
    )
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_items_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_items_status'), ['status'], unique=False)

    op.create_table('contributions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('new_member_update', 'good_practice', 'presentation', name='contribution_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_contributions_country_id_countries')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_contributions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contributions'))
    )
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contributions_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_event_id'), ['event_id'], unique=False)

    op.create_table('event_countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('host', 'visiting', 'beneficiary', 'participant', name='event_country_role', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_event_countries_country_id_countries')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_countries_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_countries')),
    sa.UniqueConstraint('event_id', 'country_id', name=op.f('uq_event_countries_event_id_country_id'))
    )
    with op.batch_alter_table('event_countries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_countries_country_id'), ['country_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.Enum('delegate', 'speaker', 'trainer', 'observer', 'secretariat', name='participant_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('mode', sa.Enum('in_person', 'online', name='attendance_mode', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('institution', sa.String(length=200), nullable=True),
    sa.CheckConstraint('(country_id IS NOT NULL AND organisation_id IS NULL) OR (country_id IS NULL AND organisation_id IS NOT NULL)', name=op.f('ck_participants_one_delegation')),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_participants_country_id_countries')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_participants_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_participants_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('event_id', 'email', name=op.f('uq_participants_event_id_email'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('action_item_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_item_id', sa.Integer(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_items.id'], name=op.f('fk_action_item_notes_action_item_id_action_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_action_item_notes_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_item_notes'))
    )
    with op.batch_alter_table('action_item_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_item_notes_action_item_id'), ['action_item_id'], unique=False)



def downgrade():
    with op.batch_alter_table('action_item_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_item_notes_action_item_id'))

    op.drop_table('action_item_notes')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_participants_event_id'))
        batch_op.drop_index(batch_op.f('ix_participants_country_id'))

    op.drop_table('participants')
    with op.batch_alter_table('event_countries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_countries_country_id'))

    op.drop_table('event_countries')
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contributions_event_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_country_id'))

    op.drop_table('contributions')
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_items_status'))
        batch_op.drop_index(batch_op.f('ix_action_items_event_id'))

    op.drop_table('action_items')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_start_date'))
        batch_op.drop_index(batch_op.f('ix_events_kind'))
        batch_op.drop_index(batch_op.f('ix_events_host_country_id'))

    op.drop_table('events')
