"""The learner's journey: the course map in the core bundle, the progress and certificate
pages, and the offline copy. Everything a learner does stays in their browser (CB.store)."""
