"""read-only API tokens and assessment summaries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:30:00

"""
from alembic import op
import sqlalchemy as sa

import workbench.models.base


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('last_used_at', workbench.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', workbench.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', workbench.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('assessment_summaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procurement_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'released', name='summarystatus', native_enum=False, length=32), nullable=False),
    sa.Column('updated_at', workbench.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('released_at', workbench.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', workbench.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['procurement_id'], ['procurements.id'], name=op.f('fk_assessment_summaries_procurement_id_procurements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['released_by_id'], ['users.id'], name=op.f('fk_assessment_summaries_released_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_assessment_summaries_supplier_id_suppliers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_assessment_summaries_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_summaries')),
    sa.UniqueConstraint('supplier_id', name=op.f('uq_assessment_summaries_supplier_id'))
    )
    with op.batch_alter_table('assessment_summaries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_summaries_procurement_id'), ['procurement_id'], unique=False)


def downgrade():
    with op.batch_alter_table('assessment_summaries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_summaries_procurement_id'))
    op.drop_table('assessment_summaries')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))
    op.drop_table('api_tokens')
