"""``python -m careerconv``: the same as the ``careerconv`` command."""

import sys

from careerconv.cli import main

if __name__ == "__main__":
    sys.exit(main())
