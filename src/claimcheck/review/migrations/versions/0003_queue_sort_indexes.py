"""Indexes for the queue's other sort orders.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Each sort order of the queue page, within a status, read from an index instead of
# sorting every open claim for each page.
INDEXES = {
    "ix_claim_groups_status_confidence": ["status", "model_confidence", "id"],
    "ix_claim_groups_status_harm": ["status", "harm_risk", "id"],
    "ix_claim_groups_status_occurrences": ["status", "occurrences", "id"],
    "ix_claim_groups_status_id": ["status", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "claim_groups", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="claim_groups")
