"""mail: grouped notifications, batched thread mail, digests, reply by mail, bounces

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-01 14:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_bounced_at', sa.DateTime(timezone=True), nullable=True))
    # The one digest there was ran daily.
    op.execute("UPDATE users SET email_frequency = 'daily' WHERE email_frequency = 'digest'")

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('post_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('title', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('item_count', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('actor_names', sa.Text(), server_default='', nullable=False))
        batch_op.create_index('ix_notifications_user_thread', ['user_id', 'thread_id'], unique=False)

    op.create_table('thread_mail_states',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('last_mailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mailed_post_id', sa.Integer(), nullable=False),
    sa.Column('pending_since', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_thread_mail_states_thread_id_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_thread_mail_states_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thread_mail_states')),
    sa.UniqueConstraint('user_id', 'thread_id', name=op.f('uq_thread_mail_states_user_id'))
    )
    with op.batch_alter_table('thread_mail_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_mail_states_thread_id'), ['thread_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_thread_mail_states_pending_since'), ['pending_since'], unique=False)

    op.create_table('digest_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period_key', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_runs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_runs')),
    sa.UniqueConstraint('user_id', 'period_key', name=op.f('uq_digest_runs_user_id'))
    )

    op.create_table('mail_reply_uses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mail_reply_uses_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_reply_uses')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_mail_reply_uses_token_hash'))
    )


def downgrade():
    op.drop_table('mail_reply_uses')
    op.drop_table('digest_runs')
    with op.batch_alter_table('thread_mail_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_mail_states_pending_since'))
        batch_op.drop_index(batch_op.f('ix_thread_mail_states_thread_id'))
    op.drop_table('thread_mail_states')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_thread')
        batch_op.drop_column('actor_names')
        batch_op.drop_column('item_count')
        batch_op.drop_column('title')
        batch_op.drop_column('post_id')
        batch_op.drop_column('thread_id')
    op.execute("UPDATE users SET email_frequency = 'digest' WHERE email_frequency IN ('daily', 'weekly')")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_bounced_at')
