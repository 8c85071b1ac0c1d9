"""Initial schema: reports, incidents, observations, evidence, count observations, watch areas, alerts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("published", sa.String(10)),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_reports_published", "reports", ["published"])
    op.create_index("ix_reports_sequence", "reports", ["sequence"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("country", sa.String(100)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("city", sa.String(200)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("perpetrator", sa.String(300)),
        sa.Column("attack_types", sa.Text),
        sa.Column("target_types", sa.Text),
        sa.Column("weapon_types", sa.Text),
        sa.Column("killed", sa.Integer),
        sa.Column("wounded", sa.Integer),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_incidents_perpetrator", "incidents", ["perpetrator"])
    op.create_index("ix_incidents_killed", "incidents", ["killed"])
    op.create_index("ix_incidents_updated_at", "incidents", ["updated_at"])
    op.create_index("ix_incidents_date_country", "incidents", ["date", "country"])
    op.create_index("ix_incidents_country_admin1_city", "incidents", ["country", "admin1", "city"])
    op.create_index("ix_incidents_lat_lon", "incidents", ["latitude", "longitude"])
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("report_id", sa.String(200), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("reading", sa.JSON, nullable=False),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("merge", sa.JSON, nullable=False),
        sa.UniqueConstraint("report_id", "position", name="uq_observation_report_position"),
    )
    op.create_index("ix_observations_incident_id", "observations", ["incident_id"])
    op.create_index("ix_observations_report_id", "observations", ["report_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("report_id", sa.String(200), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_evidence_incident_id", "evidence", ["incident_id"])
    op.create_index("ix_evidence_report_id", "evidence", ["report_id"])
    op.create_table(
        "count_observations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("report_id", sa.String(200), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("low", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("qualifier", sa.String(40)),
        sa.Column("published", sa.String(10)),
        sa.Column("sequence", sa.Integer, nullable=False),
    )
    op.create_index("ix_count_observations_incident_id", "count_observations", ["incident_id"])
    op.create_index("ix_count_observations_report_id", "count_observations", ["report_id"])
    op.create_table(
        "watch_areas",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("watch_area_id", sa.Integer, sa.ForeignKey("watch_areas.id"), nullable=False),
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime),
    )
    op.create_index("ix_alerts_watch_area_id", "alerts", ["watch_area_id"])
    op.create_index("ix_alerts_incident_id", "alerts", ["incident_id"])
    op.create_index("ix_alerts_created_at", "alerts", ["created_at"])


def downgrade() -> None:
    for table in ("alerts", "watch_areas", "count_observations", "evidence", "observations", "incidents", "reports"):
        op.drop_table(table)
