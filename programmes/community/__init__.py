"""Later issue: the community programme. Empty package, no pages yet."""
