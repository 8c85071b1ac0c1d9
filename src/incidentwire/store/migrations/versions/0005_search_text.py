"""A lower-cased search column for the free-text filter, filled for the incidents already stored.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# As tables.search_text writes it for new records, close enough for substring search: the same fields
# lower-cased, joined by ' | ' (SQL lower() leaves non-ASCII letters as they are).
BACKFILL = """
UPDATE incidents SET search_text = lower(
    coalesce(city, '') || ' | ' || coalesce(admin1, '') || ' | ' || coalesce(country, '') || ' | ' ||
    coalesce(perpetrator, '') || ' | ' || coalesce(attack_types, '') || ' | ' ||
    coalesce(target_types, '') || ' | ' || coalesce(weapon_types, ''))
"""


def upgrade() -> None:
    op.add_column("incidents", sa.Column("search_text", sa.Text(), nullable=True))
    op.execute(BACKFILL)
    op.create_index("ix_incidents_search_newest", "incidents", [sa.text('"date" DESC'), "id", "search_text"])


def downgrade() -> None:
    op.drop_index("ix_incidents_search_newest", table_name="incidents")
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy of the table would lose the lower(country) index.
    op.execute("ALTER TABLE incidents DROP COLUMN search_text")
