"""Index for the queue's per-verdict counts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The queue counts open claims per verdict on every page; with this index the count
    # reads the index alone instead of every row.
    op.create_index("ix_claim_groups_status_verdict", "claim_groups", ["status", "model_verdict"])


def downgrade() -> None:
    op.drop_index("ix_claim_groups_status_verdict", table_name="claim_groups")
