"""Load ``scenarios/<id>.yml`` into ``Scenario`` models and check them, graph included.

Every problem becomes an Issue with the file, the line and a hint; loading goes on after a
problem so an author sees all of them in one run. The graph checks answer the questions an
author cannot see by reading the file top to bottom: can every node be reached, can every
path end, can a path loop for ever, and can the customer's tension leave its range.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from course_builder.checks.safety import unsafe_in_text
from course_builder.issues import Issue, IssueList, Pos
from course_builder.load.reader import ID_RE, Reader
from course_builder.load.yamlfile import YMap, YSeq, load_yaml
from course_builder.model.scenario import (
    INDUSTRIES,
    MAX_CHOICES,
    MIN_CHOICES,
    OUTCOMES,
    TECHNIQUES,
    TENSION_CHANGE_LIMIT,
    Cards,
    Choice,
    Ending,
    Node,
    Scenario,
    best_ending,
    best_path,
)
from course_builder.model.text import Text

KIND = "scenario"
MIN_BEST_STEPS = 4  # CONTRIBUTING: at least four decision points on the best path
MIN_ENDINGS = 3  # CONTRIBUTING: three different endings

CODES: dict[str, str] = {
    "scenario-type": "a value has the wrong shape (text, number, list or mapping expected)",
    "scenario-missing-field": "a required field is missing",
    "scenario-unknown-field": "a field name is not part of the scenario format (typo?)",
    "scenario-bad-id": "an id is not lowercase letters, digits and hyphens",
    "scenario-id-mismatch": "the scenario's id differs from its file name",
    "scenario-duplicate-id": "the same id names both a node and an ending",
    "scenario-bad-value": "an industry, outcome or technique is not one of the allowed names",
    "scenario-out-of-range": "a number (tension, tension change) is outside its allowed range",
    "scenario-missing-translation": "a text lacks its English or Spanish version",
    "scenario-unsafe-html": "a text contains HTML, which YAML strings may not",
    "scenario-choice-count": "a node has fewer than two or more than four choices",
    "scenario-best-count": "a node does not have exactly one choice marked best: true",
    "scenario-missing-target": "'start' or a choice's 'next' names no node or ending",
    "scenario-unreachable": "a node or ending cannot be reached from 'start'",
    "scenario-dead-end": "no ending can be reached from a node",
    "scenario-cycle": "a path can loop for ever",
    "scenario-no-resolved-ending": "no ending has outcome 'resolved'",
    "scenario-tension-range": "tension min is not below max, or start is outside min..max",
    "scenario-tension-overflow": "the running tension can leave min..max along some path",
    "scenario-short-best-path": "(warning) the best path has fewer than four decision points",
    "scenario-few-endings": "(warning) the scenario has fewer than three endings",
    "scenario-best-not-resolved": "(warning) the best path does not reach a resolved ending",
}

TOP_FIELDS = ("id", "module", "industry", "title", "situation", "customer", "goals", "tension",
              "start", "cards", "nodes", "endings")
NODE_FIELDS = ("customer", "mood", "choices")
CHOICE_FIELDS = ("reply", "tension", "feedback", "techniques", "next", "best")
ENDING_FIELDS = ("outcome", "title", "customer", "debrief")
TENSION_LO, TENSION_HI = 0, 10


def load_scenarios(folder: Path) -> tuple[dict[str, Scenario], list[Issue]]:
    """Every ``*.yml`` in ``folder``, keyed by id; a missing folder is simply empty."""
    found: dict[str, Scenario] = {}
    issues: list[Issue] = []
    if not folder.is_dir():
        return found, issues
    for path in sorted(folder.glob("*.yml")):
        scenario, file_issues = load_scenario(path)
        issues.extend(file_issues)
        if scenario is not None:
            found.setdefault(scenario.id or path.stem, scenario)
    return found, issues


def load_scenario(path: Path) -> tuple[Scenario | None, list[Issue]]:
    """One scenario file; None only when the file is not a YAML mapping at all."""
    data, yaml_issues = load_yaml(path)
    issues = IssueList()
    issues.extend(yaml_issues)
    if data is None and any(i.code in ("yaml-syntax", "file-encoding") for i in yaml_issues):
        return None, issues.items
    if not isinstance(data, YMap):
        Reader(issues, KIND).mapping(data, Pos(path, 1), "this scenario file")
        return None, _sorted(issues.items)
    loader = _Loader(path, issues)
    scenario = loader.read(data)
    loader.check(scenario, data)
    return scenario, _sorted(issues.items)


def _sorted(items: Iterable[Issue]) -> list[Issue]:
    return sorted(items, key=Issue.sort_key)


def _blank(pos: Pos) -> Text:
    return Text("", "", pos)


def _close(word: str, options: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=3, cutoff=0.6)


def _did_you_mean(word: str, options: Iterable[str], fallback: str) -> str:
    close = _close(word, options)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return fallback


class _Loader:
    """Reads one file; remembers the lines of 'next' and 'tension' for the graph checks."""

    def __init__(self, path: Path, issues: IssueList) -> None:
        self.path = path
        self.issues = issues
        self.r = Reader(issues, KIND)
        self.next_pos: dict[tuple[str, int], Pos] = {}
        self.tension_pos: dict[tuple[str, int], Pos] = {}
        self.tension_ok = False

    # -- reading ---------------------------------------------------------------------------
    def text(self, parent: YMap, key: str, what: str) -> Text:
        return self.r.text(parent, key, what) or _blank(parent.pos_of(key))

    def sub_map(self, parent: YMap, key: str, what: str) -> YMap | None:
        """A nested mapping, or None when it is missing or not a mapping (already reported),
        so its own fields are not reported missing a second time."""
        if key not in parent:
            self.r.missing(parent, key, what)
            return None
        value = parent[key]
        self.r.mapping(value, parent.pos_of(key), f"'{key}' ({what})")
        return value if isinstance(value, YMap) else None

    def read(self, top: YMap) -> Scenario:
        r = self.r
        r.unknown_keys(top, TOP_FIELDS, "the scenario")
        sid = r.ident(top, "id", "the scenario's id, same as the file name")
        if sid and ID_RE.match(sid) and sid != self.path.stem:
            self.issues.error(top.pos_of("id"), "scenario-id-mismatch",
                              f"the id is '{sid}' but the file is named '{self.path.name}'",
                              f"rename the file to '{sid}.yml' or set 'id: {self.path.stem}'")
        module = r.ident(top, "module", "the module page that embeds it")
        industry = r.choice(top, "industry", "the industry of the call", INDUSTRIES)
        title = self.text(top, "title", "the scenario's title")
        situation = self.text(top, "situation", "what the agent sees when the call starts")

        customer = self.sub_map(top, "customer", "who the customer is")
        name = profile = _blank(top.pos_of("customer"))
        if customer is not None:
            r.unknown_keys(customer, ("name", "profile"), "'customer'")
            name = self.customer_name(customer)
            profile = self.text(customer, "profile", "who the customer is and what they want")
        goals = tuple(r.texts(top, "goals", "the learning goals"))

        before = len(self.issues)
        tension = self.sub_map(top, "tension", "the customer's tension: start, min, max")
        if tension is None:
            tension = _empty_map(top.pos_of("tension"))
            tension["start"] = TENSION_LO
        r.unknown_keys(tension, ("start", "min", "max"), "'tension'")
        t_min = r.integer(tension, "min", "the lowest tension", TENSION_LO, TENSION_HI,
                          required=False, default=TENSION_LO)
        t_max = r.integer(tension, "max", "the highest tension", TENSION_LO, TENSION_HI,
                          required=False, default=TENSION_HI)
        t_start = r.integer(tension, "start", "the tension when the call starts",
                            TENSION_LO, TENSION_HI)
        # The running-tension check needs real numbers, not defaults standing in for errors.
        self.tension_ok = len(self.issues) == before
        if t_min >= t_max:
            self.issues.error(tension.pos_of("max"), "scenario-tension-range",
                              f"tension max ({t_max}) must be above min ({t_min})",
                              "the usual range is min: 0, max: 10")
        elif not t_min <= t_start <= t_max:
            self.issues.error(tension.pos_of("start"), "scenario-tension-range",
                              f"tension start ({t_start}) is outside min..max "
                              f"({t_min}..{t_max})", f"use a start from {t_min} to {t_max}")

        start = r.ident(top, "start", "the id of the first node")
        cards = self.read_cards(top)
        nodes = self.read_nodes(top)
        endings = self.read_endings(top)
        for eid, ending in endings.items():
            if eid in nodes:
                self.issues.error(ending.pos, "scenario-duplicate-id",
                                  f"'{eid}' names both a node (line {nodes[eid].pos.line}) "
                                  "and an ending, so a 'next' pointing at it is ambiguous",
                                  "rename the ending or the node")
        return Scenario(id=sid, module=module, industry=industry, title=title,
                        situation=situation, customer_name=name, customer_profile=profile,
                        goals=goals, tension_start=t_start, tension_min=t_min,
                        tension_max=t_max, start=start, nodes=nodes, endings=endings,
                        cards=cards, pos=top.pos)

    def customer_name(self, customer: YMap) -> Text:
        value = customer.get("name")
        pos = customer.pos_of("name")
        if isinstance(value, YMap):
            return self.r.text_value(value, pos, "'name' (the customer's name)")
        name = self.r.string(customer, "name", "the customer's name").strip()
        for problem in unsafe_in_text(name):
            self.issues.error(pos, "scenario-unsafe-html",
                              f"the customer's name contains {problem}",
                              "write the name as plain text")
        return Text(name, name, pos)

    def read_cards(self, top: YMap) -> Cards:
        cards = self.sub_map(top, "cards", "the printed role-play cards")
        if cards is None:
            return Cards()
        self.r.unknown_keys(cards, ("customer", "agent"), "'cards'")
        customer = self.sub_map(cards, "customer", "the customer's card")
        agent = self.sub_map(cards, "agent", "the agent's card")
        calms = angers = lines = facts = ()
        goal = None
        if customer is not None:
            self.r.unknown_keys(customer, ("calms", "angers", "lines"), "'cards: customer'")
            calms = tuple(self.r.texts(customer, "calms", "what would calm them"))
            angers = tuple(self.r.texts(customer, "angers", "what would anger them"))
            lines = tuple(self.r.texts(customer, "lines", "lines to improvise from"))
        if agent is not None:
            self.r.unknown_keys(agent, ("goal", "facts"), "'cards: agent'")
            goal = self.text(agent, "goal", "the agent's goal")
            facts = tuple(self.r.texts(agent, "facts", "the facts on the agent's screen"))
        return Cards(customer_calms=calms, customer_angers=angers, customer_lines=lines,
                     agent_goal=goal, agent_facts=facts)

    def ids_of(self, parent: YMap, key: str, what: str) -> list[tuple[str, Any, Pos]]:
        """The ``id: {...}`` entries of a mapping such as ``nodes``, ids checked."""
        if key not in parent:
            self.r.missing(parent, key, what)
            return []
        block = self.r.mapping(parent.get(key), parent.pos_of(key), f"'{key}' ({what})")
        out = []
        for raw_id, value in block.items():
            ident = str(raw_id)
            pos = block.pos_of(raw_id)
            if not isinstance(raw_id, str) or not ID_RE.match(raw_id):
                self.issues.error(pos, "scenario-bad-id",
                                  f"'{ident}' in '{key}' is not an id of lowercase letters, "
                                  "digits and hyphens", "for example: check-order")
            out.append((ident, value, pos))
        if not out and isinstance(parent.get(key), YMap):
            self.issues.error(parent.pos_of(key), "scenario-missing-field",
                              f"'{key}' is empty", f"add at least one entry under '{key}:'")
        return out

    def read_nodes(self, top: YMap) -> dict[str, Node]:
        nodes: dict[str, Node] = {}
        for nid, value, pos in self.ids_of(top, "nodes", "the customer's turns"):
            where = f"node '{nid}'"
            node = self.r.mapping(value, pos, where)
            self.r.unknown_keys(node, NODE_FIELDS, where)
            customer = self.text(node, "customer", "what the customer says")
            mood = self.text(node, "mood", "how the customer sounds")
            raw_choices = self.r.seq(node, "choices", "the agent's possible replies")
            choices = tuple(self.read_choice(nid, i, raw_choices[i], raw_choices.pos_at(i))
                            for i in range(len(raw_choices)))
            if "choices" in node and not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
                self.issues.error(node.pos_of("choices"), "scenario-choice-count",
                                  f"{where} has {len(choices)} choice"
                                  f"{'' if len(choices) == 1 else 's'}; a node needs "
                                  f"{MIN_CHOICES} to {MAX_CHOICES}",
                                  "add a reply (a weaker one teaches too) or move some to "
                                  "another node" if len(choices) < MIN_CHOICES
                                  else "keep the two to four most instructive replies")
            self.check_best(nid, node, raw_choices, choices)
            nodes[nid] = Node(nid, customer, mood, choices, pos)
        return nodes

    def check_best(self, nid: str, node: YMap, raw: YSeq, choices: tuple[Choice, ...]) -> None:
        best = [i for i, c in enumerate(choices) if c.best]
        if choices and not best:
            self.issues.error(node.pos_of("choices"), "scenario-best-count",
                              f"node '{nid}' has no choice marked 'best: true'",
                              "mark the strongest reply with 'best: true'")
        for i in best[1:]:
            item = raw[i]
            pos = item.pos_of("best") if isinstance(item, YMap) else raw.pos_at(i)
            self.issues.error(pos, "scenario-best-count",
                              f"node '{nid}' has more than one choice marked 'best: true' "
                              f"(choices {', '.join(str(b + 1) for b in best)})",
                              "keep 'best: true' on the single strongest reply only")

    def read_choice(self, nid: str, index: int, value: Any, pos: Pos) -> Choice:
        where = f"choice {index + 1} of node '{nid}'"
        item = self.r.mapping(value, pos, where)
        self.r.unknown_keys(item, CHOICE_FIELDS, where)
        reply = self.text(item, "reply", "what the agent says")
        change = self.r.integer(item, "tension", "the change in tension",
                                -TENSION_CHANGE_LIMIT, TENSION_CHANGE_LIMIT)
        feedback = self.text(item, "feedback", "why the reply helps or hurts")
        techniques = []
        raw = self.r.seq(item, "techniques", "the techniques this reply uses", required=False)
        for i, tech in enumerate(raw):
            if isinstance(tech, str) and tech in TECHNIQUES:
                techniques.append(tech)
                continue
            self.issues.error(raw.pos_at(i), "scenario-bad-value",
                              f"'{tech}' in 'techniques' is not a known technique",
                              _did_you_mean(str(tech), TECHNIQUES,
                                            "use one of: " + ", ".join(TECHNIQUES)))
        target = self.r.ident(item, "next", "the node or ending this reply leads to")
        best = self.r.boolean(item, "best", "whether this is the strongest reply")
        self.next_pos[(nid, index)] = item.pos_of("next")
        self.tension_pos[(nid, index)] = item.pos_of("tension")
        return Choice(reply, change, feedback, tuple(techniques), target, best, pos)

    def read_endings(self, top: YMap) -> dict[str, Ending]:
        endings: dict[str, Ending] = {}
        for eid, value, pos in self.ids_of(top, "endings", "how the call can end"):
            where = f"ending '{eid}'"
            item = self.r.mapping(value, pos, where)
            self.r.unknown_keys(item, ENDING_FIELDS, where)
            outcome = self.r.choice(item, "outcome", "how the call ended", OUTCOMES)
            endings[eid] = Ending(eid, outcome,
                                  self.text(item, "title", "the ending's title"),
                                  self.text(item, "customer", "the customer's last line"),
                                  self.text(item, "debrief", "what went well or not, and why"),
                                  pos)
        return endings

    # -- graph checks ----------------------------------------------------------------------
    def check(self, s: Scenario, top: YMap) -> None:
        if not s.nodes:
            return
        targets = set(s.nodes) | set(s.endings)
        missing_in: set[str] = set()
        start_ok = self.check_start(s, top)
        for nid, node in s.nodes.items():
            for i, choice in enumerate(node.choices):
                if choice.next and choice.next not in targets:
                    missing_in.add(nid)
                    self.issues.error(
                        self.next_pos[(nid, i)], "scenario-missing-target",
                        f"choice {i + 1} of node '{nid}' leads to '{choice.next}', but there is "
                        f"no node or ending '{choice.next}'",
                        _did_you_mean(choice.next, targets, "node and ending ids: "
                                      + ", ".join(sorted(targets))))
        if start_ok:
            self.check_reachable(s)
        self.check_dead_ends(s, missing_in)
        self.check_cycles(s)
        if s.endings and not any(e.outcome == "resolved" for e in s.endings.values()):
            self.issues.error(top.pos_of("endings"), "scenario-no-resolved-ending",
                              "no ending has 'outcome: resolved', so no path shows the learner "
                              "a call handled well", "add an ending with 'outcome: resolved'")
        if start_ok and self.tension_ok and s.tension_min < s.tension_max and \
                s.tension_min <= s.tension_start <= s.tension_max:
            self.check_tension(s)
        if start_ok:
            self.check_shape(s, top)

    def check_start(self, s: Scenario, top: YMap) -> bool:
        if not s.start:
            return False
        if s.start in s.nodes:
            return True
        if s.start in s.endings:
            message = f"'start' is '{s.start}', which is an ending; the call must start at a node"
        else:
            message = f"'start' is '{s.start}', but there is no node '{s.start}'"
        self.issues.error(top.pos_of("start"), "scenario-missing-target", message,
                          _did_you_mean(s.start, s.nodes,
                                        "node ids: " + ", ".join(s.nodes)))
        return False

    def check_reachable(self, s: Scenario) -> None:
        seen = {s.start}
        queue = deque([s.start])
        while queue:
            node = s.nodes.get(queue.popleft())
            for choice in node.choices if node else ():
                if choice.next not in seen and (choice.next in s.nodes
                                                or choice.next in s.endings):
                    seen.add(choice.next)
                    queue.append(choice.next)
        for kind, items in (("node", s.nodes), ("ending", s.endings)):
            for ident, item in items.items():
                if ident not in seen:
                    self.issues.error(item.pos, "scenario-unreachable",
                                      f"{kind} '{ident}' cannot be reached from the start "
                                      f"node '{s.start}'",
                                      f"point a choice's 'next' at '{ident}', or remove it")

    def check_dead_ends(self, s: Scenario, skip: set[str]) -> None:
        """Nodes with no path to any ending (walking the graph backwards from the endings)."""
        can_end: set[str] = set()
        changed = True
        while changed:
            changed = False
            for nid, node in s.nodes.items():
                if nid not in can_end and any(c.next in s.endings or c.next in can_end
                                              for c in node.choices):
                    can_end.add(nid)
                    changed = True
        for nid, node in s.nodes.items():
            if nid not in can_end and nid not in skip and node.choices:
                self.issues.error(node.pos, "scenario-dead-end",
                                  f"no ending can be reached from node '{nid}': every reply "
                                  "from here only leads to other nodes",
                                  "make a choice of this node, or of a node after it, lead to "
                                  "an ending")

    def check_cycles(self, s: Scenario) -> None:
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        stack: list[str] = []
        reported: set[frozenset[str]] = set()

        def visit(nid: str) -> None:
            state[nid] = 1
            stack.append(nid)
            for i, choice in enumerate(s.nodes[nid].choices):
                nxt = choice.next
                if nxt not in s.nodes:
                    continue
                if state.get(nxt) == 1:
                    loop = [*stack[stack.index(nxt):], nxt]
                    key = frozenset(loop)
                    if key not in reported:
                        reported.add(key)
                        self.issues.error(
                            self.next_pos[(nid, i)], "scenario-cycle",
                            f"a path can loop for ever: {' → '.join(loop)} (choice {i + 1} of "
                            f"node '{nid}' goes back to '{nxt}')",
                            "point this 'next' forward, to a later node or an ending")
                elif nxt not in state:
                    visit(nxt)
            stack.pop()
            state[nid] = 2

        order = [s.start] if s.start in s.nodes else []
        for nid in order + list(s.nodes):
            if nid not in state:
                visit(nid)

    def check_tension(self, s: Scenario) -> None:
        """Walk every (node, tension) state; a choice that can push tension out is reported once,
        with the first (shortest) path that does it."""
        lo, hi = s.tension_min, s.tension_max
        first = (s.start, s.tension_start)
        came: dict[tuple[str, int], tuple[tuple[str, int], int] | None] = {first: None}
        queue = deque([first])
        reported: set[tuple[str, int]] = set()
        while queue:
            state = queue.popleft()
            nid, value = state
            for i, choice in enumerate(s.nodes[nid].choices):
                after = value + choice.tension
                if not lo <= after <= hi:
                    if (nid, i) not in reported:
                        reported.add((nid, i))
                        self.report_overflow(s, came, state, i, after)
                    continue
                if choice.next in s.nodes and (choice.next, after) not in came:
                    came[(choice.next, after)] = (state, i)
                    queue.append((choice.next, after))

    def report_overflow(self, s: Scenario, came: dict[tuple[str, int], Any],
                        state: tuple[str, int], index: int, after: int) -> None:
        steps: list[tuple[str, int]] = []  # (node, choice index) from the start
        values = [state[1]]
        cur = came[state]
        while cur is not None:
            prev, i = cur
            steps.append((prev[0], i))
            values.append(prev[1])
            cur = came[prev]
        steps.reverse()
        values.reverse()
        nid = state[0]
        route = " → ".join([*(f"{n} (choice {i + 1})" for n, i in steps),
                            f"{nid} (choice {index + 1})"])
        running = " → ".join(str(v) for v in [*values, after])
        side = (f"above the maximum {s.tension_max}" if after > s.tension_max
                else f"below the minimum {s.tension_min}")
        self.issues.error(self.tension_pos[(nid, index)], "scenario-tension-overflow",
                          f"the running tension can reach {after}, {side}, at choice "
                          f"{index + 1} of node '{nid}', along {route}",
                          f"tension along that path: {running}; make this change or an earlier "
                          "one smaller")

    def check_shape(self, s: Scenario, top: YMap) -> None:
        """The course's own standards for a scenario (warnings: the call still plays)."""
        path = best_path(s)
        ending = best_ending(s)
        if ending is not None and len(path) < MIN_BEST_STEPS:
            self.issues.warning(top.pos_of("start"), "scenario-short-best-path",
                                f"the best path has {len(path)} decision point"
                                f"{'' if len(path) == 1 else 's'}; scenarios need at least "
                                f"{MIN_BEST_STEPS}", "add nodes along the strongest path")
        if ending is not None and ending.outcome != "resolved":
            self.issues.warning(ending.pos, "scenario-best-not-resolved",
                                f"the best path ends at '{ending.id}', whose outcome is "
                                f"'{ending.outcome}'",
                                "the strongest replies should lead to a resolved ending")
        if s.endings and len(s.endings) < MIN_ENDINGS:
            self.issues.warning(top.pos_of("endings"), "scenario-few-endings",
                                f"the scenario has {len(s.endings)} ending"
                                f"{'' if len(s.endings) == 1 else 's'}; scenarios need at "
                                f"least {MIN_ENDINGS} different endings",
                                "add an escalated or partly resolved ending")


def _empty_map(pos: Pos) -> YMap:
    empty = YMap()
    empty.pos, empty.key_pos = pos, {}
    return empty
