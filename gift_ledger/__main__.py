"""`python -m gift_ledger` runs the `ledger` command."""

from .cli import main

main()
