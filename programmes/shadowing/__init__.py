"""Later issue: the shadowing programme. Empty package, no pages yet."""
