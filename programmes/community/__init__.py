"""Empty until the open issue that builds the communities of practice and professional networks fills it."""
