"""Who reads the /evaluation/ overview: evaluators, the ICS Executive and superusers. Each app's own page
keeps its own permission; the overview links only to the pages the person may open. Behaviour at three
months (the shadowing follow-up's answers the shadows let the evaluation use) and coaching's counts are the
evaluators' (and superusers') page."""

import rules

from academy.accounts.rules import is_evaluator, is_executive, is_superuser

rules.add_perm("evaluation_overview.view", is_evaluator | is_executive | is_superuser)
rules.add_perm("evaluation_overview.read_programme_readings", is_evaluator | is_superuser)
