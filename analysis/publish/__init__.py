"""Publish: notebooks executed into HTML reports, the index page, report blocks and figure files."""
