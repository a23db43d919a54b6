"""admin: audit entries name their community and subject; site pages; data exports;
communities say whether a leaving member may remove their posts

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-01 14:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('site_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_site_pages_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_pages')),
    sa.UniqueConstraint('slug', name=op.f('uq_site_pages_slug'))
    )
    op.create_table('data_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_data_exports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_exports'))
    )
    with op.batch_alter_table('data_exports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_exports_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('audit_logs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('community_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_logs_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_logs_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index('ix_audit_logs_target', ['target_type', 'target_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_logs_community_id_communities'), 'communities', ['community_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_audit_logs_subject_id_users'), 'users', ['subject_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allows_post_removal', sa.Boolean(), server_default=sa.true(), nullable=False))

    backfill_audit_entries()


def backfill_audit_entries():
    """Entries written before 0010 learn their community and the person they were
    about, so moderators' views and people's trails include them."""
    op.execute(
        "UPDATE audit_logs SET community_id = target_id WHERE target_type = 'community'"
    )
    for table in ('thread', 'lesson'):
        op.execute(
            f"UPDATE audit_logs SET community_id = (SELECT community_id FROM {table}s "
            f"WHERE {table}s.id = audit_logs.target_id), subject_id = (SELECT author_id "
            f"FROM {table}s WHERE {table}s.id = audit_logs.target_id) "
            f"WHERE target_type = '{table}'"
        )
    op.execute(
        "UPDATE audit_logs SET community_id = (SELECT threads.community_id FROM posts "
        "JOIN threads ON threads.id = posts.thread_id WHERE posts.id = audit_logs.target_id), "
        "subject_id = (SELECT author_id FROM posts WHERE posts.id = audit_logs.target_id) "
        "WHERE target_type = 'post'"
    )
    op.execute("UPDATE audit_logs SET subject_id = target_id WHERE target_type = 'user'")
    # Membership entries name the member in their detail: "user=<username> ...".
    op.execute(
        "UPDATE audit_logs SET subject_id = (SELECT users.id FROM users WHERE "
        "audit_logs.detail = 'user=' || users.username "
        "OR audit_logs.detail LIKE 'user=' || users.username || ' %' "
        "OR audit_logs.detail LIKE 'user=' || users.username || ':%' "
        "ORDER BY users.id LIMIT 1) "
        "WHERE action LIKE 'membership.%'"
    )


def downgrade():
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.drop_column('allows_post_removal')

    with op.batch_alter_table('audit_logs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_logs_subject_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_audit_logs_community_id_communities'), type_='foreignkey')
        batch_op.drop_index('ix_audit_logs_target')
        batch_op.drop_index(batch_op.f('ix_audit_logs_subject_id'))
        batch_op.drop_index(batch_op.f('ix_audit_logs_community_id'))
        batch_op.drop_column('subject_id')
        batch_op.drop_column('community_id')

    with op.batch_alter_table('data_exports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_exports_user_id'))

    op.drop_table('data_exports')
    op.drop_table('site_pages')
