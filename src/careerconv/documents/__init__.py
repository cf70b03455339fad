"""Documents: load, loads, from_data, dump, dumps, to_data, streaming and editing, with the fast path.

Every function here is handed a template lookup ([`TemplateLookup`][careerconv.TemplateLookup]); the
top-level ``careerconv`` functions pass the default registry.
"""
