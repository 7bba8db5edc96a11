"""The Innovation in SEL System Leadership conference: call, review, decisions (docs/conference.md)."""
