"""event occurrences: materialised dates, RSVPs per date, event revisions, feed versions

Revision ID: 0014
Revises: 0016
Create Date: 2026-12-01 14:40:00

Existing RSVPs were for a whole series: each becomes one answer per date of
the series that has not ended yet (or for its last date when all are past),
keeping its status and wait-list position.
"""
from datetime import UTC, datetime
from types import SimpleNamespace

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='0'))
    op.create_table('event_occurrences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('original_start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('moved', sa.Boolean(), nullable=False),
    sa.Column('going_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_occurrences_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_occurrences')),
    sa.UniqueConstraint('event_id', 'original_start_at', name=op.f('uq_event_occurrences_event_id'))
    )
    with op.batch_alter_table('event_occurrences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_occurrences_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_event_occurrences_start', ['start_at', 'event_id'], unique=False)
        batch_op.create_index('ix_event_occurrences_window', ['end_at', 'start_at'], unique=False)
    op.create_table('calendar_feed_versions',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_calendar_feed_versions'))
    )
    with op.batch_alter_table('rsvps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('occurrence_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint('uq_rsvps_event_id', type_='unique')
        batch_op.drop_index('ix_rsvps_event_status')
    materialise_and_split_rsvps()
    with op.batch_alter_table('rsvps', schema=None) as batch_op:
        batch_op.alter_column('occurrence_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_rsvps_occurrence_id_event_occurrences'), 'event_occurrences', ['occurrence_id'], ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint(batch_op.f('uq_rsvps_occurrence_id'), ['occurrence_id', 'user_id'])
        batch_op.create_index('ix_rsvps_occurrence_status', ['occurrence_id', 'status', 'position'], unique=False)
        batch_op.create_index('ix_rsvps_event_user', ['event_id', 'user_id'], unique=False)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('revision', existing_type=sa.Integer(), server_default=None)


def aware(value):
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def naive(value):
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def materialise_and_split_rsvps():
    """Rows for every date of every event, then one RSVP per live date."""
    from community.events.occurrence_rows import wanted_rows

    bind = op.get_bind()
    now = datetime.now(UTC)
    occurrences = sa.table('event_occurrences', *(sa.column(name) for name in (
        'event_id', 'original_start_at', 'start_at', 'end_at', 'cancelled', 'moved', 'going_count')))
    changes = {}
    for row in bind.execute(sa.text('SELECT * FROM event_occurrence_changes')).mappings():
        changes.setdefault(row['event_id'], []).append(SimpleNamespace(
            original_start_at=aware(row['original_start_at']), cancelled=bool(row['cancelled']),
            start_local=naive(row['start_local']), end_local=naive(row['end_local']),
            start_at=aware(row['start_at']) if row['start_at'] else None,
            end_at=aware(row['end_at']) if row['end_at'] else None, location=row['location']))
    for row in bind.execute(sa.text('SELECT * FROM events')).mappings().all():
        event = SimpleNamespace(**dict(row))
        for name in ('start_local', 'end_local'):
            setattr(event, name, naive(getattr(event, name)))
        for name in ('start_on', 'end_on', 'repeat_until_on'):
            value = getattr(event, name)
            if isinstance(value, str):
                setattr(event, name, datetime.fromisoformat(value).date())
        event.changes = changes.get(event.id, [])
        event.is_cancelled = event.status == 'cancelled'
        rows = wanted_rows(event)
        bind.execute(occurrences.insert(), [dict(values, event_id=event.id, going_count=0) for values in rows])
        ids = bind.execute(sa.text(
            'SELECT id, end_at FROM event_occurrences WHERE event_id = :id ORDER BY start_at'
        ), {'id': event.id}).all()
        live = [found_id for found_id, end_at in ids if aware(end_at) > now] or [ids[-1][0]]
        split_rsvps(bind, event.id, live)


def split_rsvps(bind, event_id, occurrence_ids):
    legacy = bind.execute(sa.text(
        'SELECT * FROM rsvps WHERE event_id = :id AND occurrence_id IS NULL'), {'id': event_id}).mappings().all()
    for rsvp in legacy:
        values = {key: rsvp[key] for key in ('event_id', 'user_id', 'status', 'position', 'created_at', 'updated_at')}
        bind.execute(sa.text('UPDATE rsvps SET occurrence_id = :o WHERE id = :id'), {'o': occurrence_ids[0], 'id': rsvp['id']})
        for occurrence_id in occurrence_ids[1:]:
            bind.execute(sa.text(
                'INSERT INTO rsvps (event_id, user_id, status, position, created_at, updated_at, occurrence_id) '
                'VALUES (:event_id, :user_id, :status, :position, :created_at, :updated_at, :o)'
            ), dict(values, o=occurrence_id))
    bind.execute(sa.text(
        "UPDATE event_occurrences SET going_count = (SELECT count(*) FROM rsvps "
        "WHERE rsvps.occurrence_id = event_occurrences.id AND rsvps.status = 'going') "
        "WHERE event_id = :id"), {'id': event_id})


def downgrade():
    # Per-date answers fold back into one per person and event (the first kept).
    op.execute(
        'DELETE FROM rsvps WHERE id NOT IN '
        '(SELECT min(id) FROM rsvps GROUP BY event_id, user_id)'
    )
    with op.batch_alter_table('rsvps', schema=None) as batch_op:
        batch_op.drop_index('ix_rsvps_event_user')
        batch_op.drop_index('ix_rsvps_occurrence_status')
        batch_op.drop_constraint(batch_op.f('uq_rsvps_occurrence_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_rsvps_occurrence_id_event_occurrences'), type_='foreignkey')
        batch_op.drop_column('occurrence_id')
        batch_op.create_index('ix_rsvps_event_status', ['event_id', 'status', 'position'], unique=False)
        batch_op.create_unique_constraint('uq_rsvps_event_id', ['event_id', 'user_id'])
    op.drop_table('calendar_feed_versions')
    with op.batch_alter_table('event_occurrences', schema=None) as batch_op:
        batch_op.drop_index('ix_event_occurrences_window')
        batch_op.drop_index('ix_event_occurrences_start')
        batch_op.drop_index(batch_op.f('ix_event_occurrences_event_id'))
    op.drop_table('event_occurrences')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('revision')
