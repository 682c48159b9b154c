"""python -m selfeval.extract extract|audit …"""
import sys

from .cli import main

sys.exit(main())
