"""Stand-in for InvenTree's ``generic`` package (state machinery only).

Mirrors: ``src/backend/InvenTree/generic``.
"""
