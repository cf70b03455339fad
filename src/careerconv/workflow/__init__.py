"""The work around a conversation: sessions that fill a record, drafts to fill by hand, histories, template diffs."""
