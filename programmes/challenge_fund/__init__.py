"""The SEL Challenge Fund: funding rounds, bids, review, decisions and funded projects."""
