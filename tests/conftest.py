"""Suite-wide settings. Hypothesis: no per-example deadline (a loaded CI machine is not a
bug), and in CI a fixed seed, so a red build is reproducible rather than a coin toss."""

import os

from hypothesis import settings

settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
