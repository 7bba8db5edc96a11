"""The managed network for next-generation system leaders (docs/network.md)."""
