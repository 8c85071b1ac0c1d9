"""One alert per (watch area, incident): concurrent checks and joined incidents cannot alert twice.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keep the oldest alert of any duplicated pair before the constraint forbids duplicates.
    op.execute(
        sa.text("DELETE FROM alerts WHERE id NOT IN (SELECT min(id) FROM alerts GROUP BY watch_area_id, incident_id)")
    )
    with op.batch_alter_table("alerts") as batch:
        batch.create_unique_constraint("uq_alert_area_incident", ["watch_area_id", "incident_id"])


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint("uq_alert_area_incident", type_="unique")
