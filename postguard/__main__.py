"""``python -m postguard`` is the ``postguard`` command."""

from .cli import main

main()
