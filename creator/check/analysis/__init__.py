"""The plugin's source, read without importing it: parsed modules and one model of its classes.

`sources` parses the modules and answers questions about their imports; `hierarchy` models the
project's classes (which are plugin classes, their ancestry, what each binds). The check's
Context builds each once per check; rules read them, they hold no rules themselves.
"""
