"""Every rule, written once: the envelope, types, template and record rules, translations, derivation.

The rules read plain data (as parsed, in the file's own key names) or typed objects, and never reach for a
registry: a template lookup ([`TemplateLookup`][careerconv.TemplateLookup]) is handed in.
"""
