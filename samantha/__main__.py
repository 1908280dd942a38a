"""``python -m samantha``: the same as the ``samantha`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
