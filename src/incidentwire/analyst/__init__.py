"""The analyst's hand: named analysts, field corrections laid over the machine's record, structure
corrections (not an attack, detach, merge), the audit log with undo, and the review queue.

tokens.py     analysts' tokens: generated, stored as a salted hash, verified in constant time
fields.py     what each correctable field's value is, and how it is read from and written to an Incident
overrides.py  an incident's analyst state laid over the machine's reconciled record (no database)
places.py     a place correction resolved in the gazetteer, with the coordinates it implies
actions.py    every analyst write: one transaction, version checked, audited, undoable
queue.py      the review queue
"""
