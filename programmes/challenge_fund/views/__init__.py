"""Challenge Fund pages, one module an audience. ``urls.py`` names each module's views; nothing is
re-exported here."""
