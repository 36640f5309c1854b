"""CapaDesk's Qt-free library: domain, storage, services. Usable from the CLI, tests and threads."""
