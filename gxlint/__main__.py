from gxlint.cli import main

raise SystemExit(main())
