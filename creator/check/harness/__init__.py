"""The dynamic check's harness: runs INSIDE an isolated subprocess, never in the CLI's process.

Started by creator.check.dynamic inside creator.sandbox as `python -I -B <this dir>/__main__.py`.
It sets up the InvenTree stand-in (creator/standin), blocks network access, then does what
InvenTree's loader does with the plugin: import it (entry points, or every module of a plugin
folder), collect the plugin classes, instantiate and activate each through the stand-in
registry, install the AppMixin app the way InvenTree reloads its apps, and exercise what
activation and the UI API would call. Every step is written as one JSON line to the events
pipe (plugin code may print to stdout or stderr; the parent only shows those in part), so the
parent knows the last stage even when plugin code hangs or ends the process.

The spec and a per-run secret arrive on stdin, read before any plugin code is imported; stdin
is then closed. Each event line carries an HMAC of its body under that secret: a line plugin
code writes into the pipe (a fake "done", say) fails the parent's check, and the run is then
undecided. Plugin code runs in this same interpreter, so a plugin written against this package
could still find the secret in memory; that is a limit docs/security.md states.

One module per step: `state` (the run's state, signed events, error descriptions),
`standin_setup` (network block, Django, the database template), `discovery` (imports),
`activation` (instantiate, activate), `app` (AppMixin), `exercise` (settings, URLs, hooks),
`ui_features` (the UI API), `main` (the run). Only the standard library and creator's own
light modules are imported at module level: Django and the stand-in are imported by the steps,
after `main()` has arranged sys.path. This file imports nothing, so that importing the package
(tests, the parent) costs nothing.
"""
