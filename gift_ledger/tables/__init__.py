"""Tables of values that the exporters, the importers and `ledger show` share.

`values` writes a value the same way in every format (dates, amounts, actors) and reads
an amount back; `package` declares the data package's tables; `flat` the columns of the
flat CSV. Nothing here writes a file or knows a format's module.
"""
