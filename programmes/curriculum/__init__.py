"""Later issue: the curriculum programme. Empty package, no pages yet."""
