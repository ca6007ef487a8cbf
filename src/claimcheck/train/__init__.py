"""Training of claimcheck's models from declarative recipes (``recipes/*.yaml``)."""
