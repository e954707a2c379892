"""Stand-in for InvenTree's ``InvenTree`` core package (only what plugins import).

Mirrors: ``src/backend/InvenTree/InvenTree``. There is deliberately no ``settings`` module:
``creator.testing`` treats ``import InvenTree.settings`` succeeding as "a real InvenTree is here".
"""
