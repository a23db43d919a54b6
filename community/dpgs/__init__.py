"""Digital public goods from the DPG Registry, countries, and the map."""
