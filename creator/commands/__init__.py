"""The CLI's commands, one module each: `run(args) -> exit code`, and the printing.

creator.cli parses the arguments and imports only the module of the command asked for, so
`--help` never pays for the others. The work itself is done by library functions that take
explicit arguments and return results (creator.generate.create, creator.update.update,
creator.adopt.adopt, creator.check.runner.run), the way Copier offers run_copy/run_update.
"""
