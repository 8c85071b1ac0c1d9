"""A covering index for the map's bounding-box filter.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (latitude, longitude) alone made a bbox read every matching row for its date and id.
    op.drop_index("ix_incidents_lat_lon", table_name="incidents")
    op.create_index("ix_incidents_lat_lon_newest", "incidents", ["latitude", "longitude", sa.text('"date" DESC'), "id"])


def downgrade() -> None:
    op.drop_index("ix_incidents_lat_lon_newest", table_name="incidents")
    op.create_index("ix_incidents_lat_lon", "incidents", ["latitude", "longitude"])
