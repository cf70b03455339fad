"""Tables and summaries for analysts: tidy pandas tables, summaries that protect privacy, Arrow archives.

``disclosure`` decides which groups a summary hides (no pandas); ``grouping`` checks what a table is grouped
by; ``tables`` and ``summaries`` build the frames (pandas, an optional extra, imported on first use).
"""
