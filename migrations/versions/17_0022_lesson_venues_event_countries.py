"""links: a lesson's discussion thread and presenting event; an event's country

Revision ID: 0022
Revises: 0014
Create Date: 2026-12-01 17:30:00
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country_code', sa.String(length=2), nullable=True))
        batch_op.create_index(batch_op.f('ix_events_country_code'), ['country_code'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_events_country_code_countries'), 'countries', ['country_code'], ['code'], ondelete='SET NULL')
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discussion_thread_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('presented_event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_lessons_discussion_thread_id'), ['discussion_thread_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lessons_presented_event_id'), ['presented_event_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_lessons_discussion_thread_id_threads'), 'threads', ['discussion_thread_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_lessons_presented_event_id_events'), 'events', ['presented_event_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_lessons_presented_event_id_events'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_lessons_discussion_thread_id_threads'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_lessons_presented_event_id'))
        batch_op.drop_index(batch_op.f('ix_lessons_discussion_thread_id'))
        batch_op.drop_column('presented_event_id')
        batch_op.drop_column('discussion_thread_id')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_events_country_code_countries'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_events_country_code'))
        batch_op.drop_column('country_code')
