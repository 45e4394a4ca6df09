"""contact-point directory and releases

Revision ID: 0006_directory
Revises: 0005_authorities
Create Date: 2026-11-30 02:50:53.945449

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_directory'
down_revision = '0005_authorities'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('institution', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=True),
    sa.Column('type', sa.Enum('police', 'prosecution', 'ministry_of_justice', 'security_services', 'cybersecurity', 'other', name='contact_point_type', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=True),
    sa.Column('mobile', sa.String(length=16), nullable=True),
    sa.Column('fax', sa.String(length=16), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('secure_platform', sa.String(length=200), nullable=True),
    sa.Column('available_24_7', sa.Boolean(), nullable=False),
    sa.Column('hours', sa.String(length=200), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('instructions', sa.Text(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('last_verified_on', sa.Date(), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('valid_to IS NULL OR valid_to >= valid_from', name=op.f('ck_contact_points_valid_dates')),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_contact_points_country_id_countries')),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_contact_points_verified_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_points'))
    )
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_points_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_institution'), ['institution'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_type'), ['type'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_valid_from'), ['valid_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_valid_to'), ['valid_to'], unique=False)

    op.create_table('directory_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('released_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('entry_count', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_directory_releases_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_releases')),
    sa.UniqueConstraint('number', name=op.f('uq_directory_releases_number'))
    )
    with op.batch_alter_table('directory_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_releases_released_on'), ['released_on'], unique=False)

    op.create_table('directory_release_countries',
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_directory_release_countries_country_id_countries')),
    sa.ForeignKeyConstraint(['release_id'], ['directory_releases.id'], name=op.f('fk_directory_release_countries_release_id_directory_releases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('release_id', 'country_id', name=op.f('pk_directory_release_countries'))
    )


def downgrade():
    op.drop_table('directory_release_countries')
    with op.batch_alter_table('directory_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_releases_released_on'))

    op.drop_table('directory_releases')
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_points_valid_to'))
        batch_op.drop_index(batch_op.f('ix_contact_points_valid_from'))
        batch_op.drop_index(batch_op.f('ix_contact_points_type'))
        batch_op.drop_index(batch_op.f('ix_contact_points_institution'))
        batch_op.drop_index(batch_op.f('ix_contact_points_country_id'))

    op.drop_table('contact_points')
