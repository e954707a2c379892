"""Entry point: `python -I -B creator/check/harness/__main__.py` (the spec arrives on stdin).

`-I` leaves this directory off sys.path, so the creator package is found from this file's
own place. `creator.check`'s `__init__` imports the whole check (runner, rules, about 0.2 s):
the harness needs none of it, so the package is registered here without running it.
"""

import sys
import types
from pathlib import Path

CHECK_DIR = Path(__file__).resolve().parents[1]
sys.path.append(str(CHECK_DIR.parents[1]))
if "creator.check" not in sys.modules:
    import creator

    check = types.ModuleType("creator.check", "creator.check, without its __init__ (harness)")
    check.__path__ = [str(CHECK_DIR)]
    check.__package__ = "creator.check"
    sys.modules["creator.check"] = check
    creator.check = check  # type: ignore[attr-defined]

from creator.check.harness.main import main  # noqa: E402 (after sys.path is arranged)

if __name__ == "__main__":
    main(sys.argv)
