"""Pilot-learnings library: lessons, review, facets, export."""
