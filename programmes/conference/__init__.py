"""Empty until the open issue that builds the conference programme (call for proposals to check-in) fills it."""
