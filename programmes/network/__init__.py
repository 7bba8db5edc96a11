"""Empty until the open issue that builds the managed network for next-generation system leaders fills it."""
