"""Value objects and pure rules: no database, no Qt, no I/O."""
