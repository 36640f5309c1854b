"""``python -m capadesk`` and the ``capadesk`` console script."""

from capadesk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
