"""The relevance decision each report was given at ingest (kept or dropped, score and reason), so a
dropped report is stored, findable, and known to a rerun.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reports", sa.Column("relevance_score", sa.Float(), nullable=True))
    op.add_column("reports", sa.Column("relevance_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35), as in 0005 and 0006.
    op.execute("ALTER TABLE reports DROP COLUMN relevance_reason")
    op.execute("ALTER TABLE reports DROP COLUMN relevance_score")
