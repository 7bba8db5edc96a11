"""Communities of practice: networks, discussions and idea challenges (docs/community.md)."""
