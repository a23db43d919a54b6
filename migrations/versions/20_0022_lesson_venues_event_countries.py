"""links: a lesson's discussion thread and presenting event; an event's
country; profile and lesson countries become foreign keys to countries

Revision ID: 0022
Revises: 0025
Create Date: 2026-12-01 17:30:00

Existing profile and lesson country values go through the resolver the DPG
importer uses (an ISO code in any case, or a country's name): a value it
cannot map is cleared (profiles) or dropped (a lesson's country row), and
listed on stderr.
"""
import sys

from alembic import op
import sqlalchemy as sa

from community.dpgs.country_names import resolve_country


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0025'
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


    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('country', existing_type=sa.String(length=2), nullable=True)
    map_countries(op.get_bind())
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_country'), ['country'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_country_countries'), 'countries', ['country'], ['code'], ondelete='SET NULL')
    with op.batch_alter_table('lesson_version_countries', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_lesson_version_countries_code_countries'), 'countries', ['code'], ['code'])


def code_for(value, known):
    """The countries row a stored value means, or None."""
    text = (value or '').strip()
    if text.upper() in known:
        return text.upper()
    code = resolve_country(text) if text else None
    return code if code in known else None


def map_countries(bind):
    known = {code for (code,) in bind.execute(sa.text('SELECT code FROM countries'))}
    unmapped = {}
    users = bind.execute(sa.text('SELECT id, country FROM users WHERE country IS NOT NULL')).all()
    for user_id, value in users:
        code = code_for(value, known)
        if value and code is None:
            unmapped[value] = unmapped.get(value, 0) + 1
        if code != value:
            bind.execute(sa.text('UPDATE users SET country = :code WHERE id = :id'), {'code': code, 'id': user_id})
    rows = bind.execute(sa.text('SELECT version_id, code FROM lesson_version_countries')).all()
    present = set(rows)
    for version_id, value in rows:
        code = code_for(value, known)
        if code == value:
            continue
        where = {'version': version_id, 'value': value}
        if code is None or (version_id, code) in present:
            if code is None:
                unmapped[value] = unmapped.get(value, 0) + 1
            bind.execute(sa.text('DELETE FROM lesson_version_countries WHERE version_id = :version AND code = :value'), where)
        else:
            present.add((version_id, code))
            bind.execute(sa.text('UPDATE lesson_version_countries SET code = :code WHERE version_id = :version AND code = :value'), {**where, 'code': code})
    for value, count in sorted(unmapped.items()):
        print(f'countries: could not map {value!r} ({count} rows)', file=sys.stderr)


def downgrade():
    with op.batch_alter_table('lesson_version_countries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_lesson_version_countries_code_countries'), type_='foreignkey')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_country_countries'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_country'))
    op.execute("UPDATE users SET country = '' WHERE country IS NULL")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('country', existing_type=sa.String(length=2), nullable=False)

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
