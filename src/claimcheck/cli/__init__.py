"""The ``claimcheck`` command line."""
