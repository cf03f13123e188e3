import os

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# Health checks stay on: a test whose strategy is slow or filters much says so
# itself, with @settings(suppress_health_check=[...]) and a comment giving the reason.
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
