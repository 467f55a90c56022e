"""contracts: KPIs linked to the evaluation (promised versus delivered)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import workbench.models.base


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contract_kpis', schema=None) as batch_op:
        batch_op.add_column(sa.Column('criterion_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('promised', workbench.models.base.ExactDecimal(length=48), nullable=True))
        batch_op.add_column(sa.Column('promise_note', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_contract_kpis_criterion_id_criteria'), 'criteria',
                                    ['criterion_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('contract_kpis', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contract_kpis_criterion_id_criteria'), type_='foreignkey')
        batch_op.drop_column('promise_note')
        batch_op.drop_column('promised')
        batch_op.drop_column('criterion_id')
