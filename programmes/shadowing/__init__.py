"""Empty until the open issue that builds the "Walking in each other's shoes" shadowing programme fills it."""
