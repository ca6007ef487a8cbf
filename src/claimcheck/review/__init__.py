"""claimcheck serve: the moderators' review app (database, pages, JSON API)."""
