import sys

from speechkb.cli import main

sys.exit(main())
