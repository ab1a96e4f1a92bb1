"""``python -m course_builder`` is the same as ``course-builder``."""

from course_builder.cli import main

raise SystemExit(main())
