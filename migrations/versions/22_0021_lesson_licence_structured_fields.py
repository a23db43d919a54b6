"""lesson versions carry a licence and structured fields; building blocks and SDGs

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 17:30:00

Existing versions were published under the hub's default, CC BY 4.0.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('lesson_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('licence', sa.String(length=20), nullable=False, server_default='CC-BY-4.0'))
        batch_op.add_column(sa.Column('outcome', sa.String(length=500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('outcome_value', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('outcome_unit', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('cost_amount', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('cost_currency', sa.String(length=3), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('duration_months', sa.Integer(), nullable=True))
    # The server defaults only fill existing rows; the models set new ones.
    with op.batch_alter_table('lesson_versions', schema=None) as batch_op:
        for name in ('licence', 'outcome', 'outcome_unit', 'cost_currency'):
            batch_op.alter_column(name, server_default=None)
    op.create_table('lesson_version_tags',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('facet', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['lesson_versions.id'], name=op.f('fk_lesson_version_tags_version_id_lesson_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('version_id', 'facet', 'value', name=op.f('pk_lesson_version_tags'))
    )
    with op.batch_alter_table('lesson_version_tags', schema=None) as batch_op:
        # The facet counts group by value within a facet.
        batch_op.create_index('ix_lesson_version_tags_facet_value', ['facet', 'value', 'version_id'], unique=False)


def downgrade():
    with op.batch_alter_table('lesson_version_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_lesson_version_tags_facet_value')
    op.drop_table('lesson_version_tags')
    with op.batch_alter_table('lesson_versions', schema=None) as batch_op:
        for name in ('duration_months', 'cost_currency', 'cost_amount', 'outcome_unit', 'outcome_value', 'outcome', 'licence'):
            batch_op.drop_column(name)
