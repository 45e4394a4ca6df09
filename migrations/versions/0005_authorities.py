"""directory of authorities: authorities (Articles 24 and 27), official declarations, Party input, difference reviews

Revision ID: 0005_authorities
Revises: 0004_events
Create Date: 2026-11-30 02:50:05.453009

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_authorities'
down_revision = '0004_events'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('official_declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('article', sa.Enum('24', '27', name='article', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('authority_name', sa.String(length=300), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('declared_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_official_declarations_country_id_countries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_declarations'))
    )
    with op.batch_alter_table('official_declarations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_declarations_country_id'), ['country_id'], unique=False)

    op.create_table('party_inputs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_party_inputs_country_id_countries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_inputs'))
    )
    with op.batch_alter_table('party_inputs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_inputs_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_party_inputs_received_on'), ['received_on'], unique=False)

    op.create_table('authorities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('article', sa.Enum('24', '27', name='article', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_source', sa.Enum('party_input', 'official_declaration', 'secretariat', name='name_source', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('name_received_on', sa.Date(), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('address_source', sa.Enum('party_input', 'official_declaration', 'secretariat', name='address_source', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('address_received_on', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('phone_source', sa.Enum('party_input', 'official_declaration', 'secretariat', name='phone_source', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('phone_received_on', sa.Date(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('email_source', sa.Enum('party_input', 'official_declaration', 'secretariat', name='email_source', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('email_received_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.CheckConstraint('(address IS NULL) = (address_source IS NULL) AND (address IS NULL) = (address_received_on IS NULL)', name=op.f('ck_authorities_address_has_source')),
    sa.CheckConstraint('(email IS NULL) = (email_source IS NULL) AND (email IS NULL) = (email_received_on IS NULL)', name=op.f('ck_authorities_email_has_source')),
    sa.CheckConstraint('(phone IS NULL) = (phone_source IS NULL) AND (phone IS NULL) = (phone_received_on IS NULL)', name=op.f('ck_authorities_phone_has_source')),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_authorities_country_id_countries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['declaration_id'], ['official_declarations.id'], name=op.f('fk_authorities_declaration_id_official_declarations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authorities'))
    )
    with op.batch_alter_table('authorities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authorities_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_authorities_declaration_id'), ['declaration_id'], unique=False)

    op.create_table('difference_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.Enum('name', 'address', 'phone', 'email', name='authority_field', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('party_value', sa.Text(), nullable=False),
    sa.Column('declared_value', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authorities.id'], name=op.f('fk_difference_reviews_authority_id_authorities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_difference_reviews_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_difference_reviews')),
    sa.UniqueConstraint('authority_id', 'field', name=op.f('uq_difference_reviews_authority_id_field'))
    )
    with op.batch_alter_table('difference_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_difference_reviews_authority_id'), ['authority_id'], unique=False)



def downgrade():
    with op.batch_alter_table('difference_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_difference_reviews_authority_id'))

    op.drop_table('difference_reviews')
    with op.batch_alter_table('authorities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authorities_declaration_id'))
        batch_op.drop_index(batch_op.f('ix_authorities_country_id'))

    op.drop_table('authorities')
    with op.batch_alter_table('party_inputs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_inputs_received_on'))
        batch_op.drop_index(batch_op.f('ix_party_inputs_country_id'))

    op.drop_table('party_inputs')
    with op.batch_alter_table('official_declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_declarations_country_id'))

    op.drop_table('official_declarations')
