"""Documents: load, loads, from_data, dump, dumps, to_data, streaming and editing, with the fast path.

Every function here is handed a template lookup (:class:`~careerconv.rules.lookup.TemplateLookup`); the
top-level ``careerconv`` functions pass the default registry.
"""
