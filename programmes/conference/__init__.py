"""Later issue: the conference programme. Empty package, no pages yet."""
