"""Walking in each other's shoes: shadowing placements across boundaries (docs/shadowing.md)."""
