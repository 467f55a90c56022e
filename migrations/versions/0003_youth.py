"""young people's panels: "I statements" proposed by the panel

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:30:00

"""
from alembic import op
import sqlalchemy as sa

import workbench.models.base


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('youth_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procurement_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('proposed_at', workbench.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('criterion_id', sa.Integer(), nullable=True),
    sa.Column('adopted_at', workbench.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['criterion_id'], ['criteria.id'], name=op.f('fk_youth_statements_criterion_id_criteria'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['procurement_id'], ['procurements.id'], name=op.f('fk_youth_statements_procurement_id_procurements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_youth_statements_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_youth_statements'))
    )
    with op.batch_alter_table('youth_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_youth_statements_procurement_id'), ['procurement_id'], unique=False)


def downgrade():
    with op.batch_alter_table('youth_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_youth_statements_procurement_id'))

    op.drop_table('youth_statements')
