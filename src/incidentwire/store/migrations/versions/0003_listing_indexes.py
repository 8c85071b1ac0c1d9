"""Indexes for the filtered, newest-first incident listing (the read API under load).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# As tables.NEWEST_FIRST_COLUMNS; copied, since a migration must not change when the model does.
FILTERED_COLUMNS = [
    "country",
    "admin1",
    "city",
    "perpetrator",
    "attack_types",
    "target_types",
    "weapon_types",
    "killed",
    "latitude",
    "longitude",
]


def upgrade() -> None:
    # Quoted names: "date" is a type name in PostgreSQL; both databases accept the quotes.
    op.create_index("ix_incidents_newest_first", "incidents", [sa.text('"date" DESC'), "id", *FILTERED_COLUMNS])
    op.create_index(
        "ix_incidents_lower_country_date", "incidents", [sa.text('lower("country")'), sa.text('"date" DESC'), "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_lower_country_date", table_name="incidents")
    op.drop_index("ix_incidents_newest_first", table_name="incidents")
