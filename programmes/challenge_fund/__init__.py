"""Later issue: the challenge_fund programme. Empty package, no pages yet."""
