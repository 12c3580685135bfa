"""``postguard audit``: check a whole archive of published posts (folders, JSONL, CSV, WordPress,
X/Twitter and LinkedIn exports) and write findings.jsonl, posts.csv and report.html.

Kept light: the command imports the parts it needs when it runs, and Dask only for
``--engine dask``.
"""
