"""Practice tools: the Trigger Word Swap, the monthly refresher and the team lead's KPI worksheet.

``triggers`` loads the bilingual trigger-word list and matches it (the same rules as the
browser, from ``assets/practice-rules.json``); ``prompts`` loads the swap exercise's lines;
``checks`` keeps the course's own recommended replies free of trigger language; ``render``
and ``pages`` make the three generated pages; ``kpi`` holds the worksheet's arithmetic.
"""
