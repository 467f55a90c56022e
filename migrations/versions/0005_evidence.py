"""supplier evidence: bid submissions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:15:00

"""
from alembic import op
import sqlalchemy as sa

import workbench.models.base


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bid_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procurement_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', workbench.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_by', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['procurement_id'], ['procurements.id'], name=op.f('fk_bid_submissions_procurement_id_procurements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_bid_submissions_supplier_id_suppliers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_submissions')),
    sa.UniqueConstraint('supplier_id', name=op.f('uq_bid_submissions_supplier_id'))
    )
    with op.batch_alter_table('bid_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_submissions_procurement_id'), ['procurement_id'], unique=False)


def downgrade():
    with op.batch_alter_table('bid_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_submissions_procurement_id'))

    op.drop_table('bid_submissions')
