"""Challenge Fund forms, one module an audience. They parse and check input; saving goes through the
services. Views import from the modules; nothing is re-exported here."""
