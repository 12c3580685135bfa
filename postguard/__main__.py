"""``python -m postguard`` is the ``postguard`` command."""

from postguard.cli import main

main()
