"""Content packs: the schema, the safe loader, and the merged catalog."""
