"""Later issue: the network programme. Empty package, no pages yet."""
