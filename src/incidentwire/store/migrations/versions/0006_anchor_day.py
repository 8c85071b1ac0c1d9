"""The day the merge matches an incident on: its date, or for an undated incident the day it was first
reported; filled for the incidents already stored.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# An undated incident's first report: the earliest publication day among its observations.
BACKFILL = """
UPDATE incidents SET anchor_day = coalesce("date", (
    SELECT substr(min(observations.published), 1, 10) FROM observations
    WHERE observations.incident_id = incidents.id))
"""


def upgrade() -> None:
    op.add_column("incidents", sa.Column("anchor_day", sa.String(10), nullable=True))
    op.execute(BACKFILL)
    op.create_index("ix_incidents_anchor_day", "incidents", ["anchor_day"])


def downgrade() -> None:
    op.drop_index("ix_incidents_anchor_day", table_name="incidents")
    # Plain DROP COLUMN (SQLite >= 3.35), as in 0005: a batch copy of the table would lose its indexes.
    op.execute("ALTER TABLE incidents DROP COLUMN anchor_day")
