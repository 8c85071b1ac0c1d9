"""The analyst's hand: named analysts (tokens stored hashed), each incident's analyst state (corrections,
status, version, review), the audit log, and the must-not-link pairs of reports an analyst split.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INCIDENT_COLUMNS = (
    "machine",
    "overrides",
    "status",
    "version",
    "reviewed_by",
    "reviewed_at",
    "changed_by",
    "changed_at",
)


def upgrade() -> None:
    op.create_table(
        "analysts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("key_id", sa.String(32), nullable=False, unique=True),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.add_column("incidents", sa.Column("machine", sa.JSON(), nullable=True))
    op.add_column("incidents", sa.Column("overrides", sa.JSON(), nullable=True))
    op.add_column("incidents", sa.Column("status", sa.String(20), nullable=False, server_default="active"))
    op.add_column("incidents", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("incidents", sa.Column("reviewed_by", sa.String(100), nullable=True))
    op.add_column("incidents", sa.Column("reviewed_at", sa.DateTime(), nullable=True))
    op.add_column("incidents", sa.Column("changed_by", sa.String(100), nullable=True))
    op.add_column("incidents", sa.Column("changed_at", sa.DateTime(), nullable=True))
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
        sa.Column("analyst", sa.String(100), nullable=False),
        sa.Column("incident_id", sa.String(40), nullable=True, index=True),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("field", sa.String(60), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("undo", sa.JSON(), nullable=True),
        sa.Column("undone_by", sa.Integer(), nullable=True),
    )
    op.create_table(
        "must_not_link",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("report_a", sa.String(200), nullable=False, index=True),
        sa.Column("report_b", sa.String(200), nullable=False, index=True),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("report_a", "report_b", name="uq_must_not_link_pair"),
    )


def downgrade() -> None:
    op.drop_table("must_not_link")
    op.drop_table("audit")
    op.drop_index("ix_incidents_status", table_name="incidents")
    for column in reversed(INCIDENT_COLUMNS):  # plain DROP COLUMN (SQLite >= 3.35), as in 0005-0007
        op.drop_column("incidents", column)
    op.drop_table("analysts")
