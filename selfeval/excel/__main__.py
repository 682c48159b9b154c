"""`python -m selfeval.excel`: the template, split and join commands on their own."""
import sys

from .cli import main

sys.exit(main())
