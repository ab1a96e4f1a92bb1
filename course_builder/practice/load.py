"""Load the practice tools' data files onto the Course (called from project._load_widgets)."""

from __future__ import annotations

from course_builder.issues import IssueList
from course_builder.model.course import Course
from course_builder.practice.prompts import PROMPTS_FILE, load_prompt_list
from course_builder.practice.triggers import TRIGGERS_FILE, load_trigger_list


def load_practice(course: Course, issues: IssueList) -> int:
    """Set ``course.triggers`` and ``course.swap_prompts``; return how many files were read.

    Missing files are not an error: a course without a trigger list simply skips the check
    and the Trigger Word Swap page.
    """
    course.triggers, found = load_trigger_list(course.root)
    issues.extend(found)
    course.swap_prompts, found = load_prompt_list(course.root, course.triggers)
    issues.extend(found)
    return sum((course.root / f).is_file() for f in (TRIGGERS_FILE, PROMPTS_FILE))
