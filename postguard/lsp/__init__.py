"""``postguard lsp``: a language server that checks drafts as they are typed (see README, "In your
editor"). It needs pygls, so nothing outside this package imports it except the CLI command."""
