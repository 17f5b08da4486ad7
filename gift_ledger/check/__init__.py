"""Checks across records, the stage after building them.

`rules` has the checks, one small function each, listed in `CHECKS`; `texts` loads the
sources' archived texts they read; `quotes` matches a quote against a text. Importing this
package builds nothing: the rules import the models, which `validate` loads only once it
has files to build records from.
"""
