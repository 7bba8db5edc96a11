"""Where ties come from: one callable a source, each ``(start, end) -> iterable of (person_id_a, person_id_b,
kind, date)`` read through a programme's selectors in a fixed number of queries. A new programme's ties
(shadowing placements, mentoring pairs, Big Room table-mates, conference co-speakers, community
co-membership, idea co-authors, task-and-finish groups) are added here with one line, and their kind's words
to KIND_LABELS."""

from evaluation.network import selectors as network_survey
from programmes.challenge_fund.selectors import ties as challenge_fund_ties
from programmes.community import selectors as community_selectors
from programmes.conference import selectors as conference_selectors
from programmes.core.selectors import ties as core_ties
from programmes.network import selectors as network_selectors
from programmes.shadowing import selectors as shadowing_selectors

TIE_SOURCES = (
    core_ties.cohort_ties,
    core_ties.learning_group_ties,
    challenge_fund_ties.coapplicant_ties,
    network_selectors.mentoring_pair_ties,
    network_selectors.table_mate_ties_between,
    community_selectors.community_ties_between,
    community_selectors.idea_coauthor_ties,
    community_selectors.task_group_ties,
    conference_selectors.co_speaker_ties,
    shadowing_selectors.shadowing_ties,
    network_survey.name_generator_ties,
)

KIND_LABELS = {
    core_ties.COHORT: "Same cohort",
    "action_learning_set": "Same action learning set",
    "quad": "Same quad",
    challenge_fund_ties.COAPPLICANT: "Co-applicants on a Challenge Fund bid",
    network_selectors.MENTORING_PAIR: "Mentor and mentee",
    network_selectors.TABLE_MATE: "Table-mates at a Big Room",
    community_selectors.COMEMBERSHIP: "Members of the same community of practice",
    community_selectors.COAUTHORS: "Co-authors of an idea in an idea challenge",
    community_selectors.TASK_GROUP: "Members of the same task-and-finish group",
    conference_selectors.CO_SPEAKERS: "Co-speakers of a session at the conference",
    shadowing_selectors.SHADOWING: "Shadow and host of a shadowing placement",
    network_survey.NAME_GENERATOR: "Named in the quarterly survey “who did you work with across boundaries?”",
}


def read_ties(start, end, sources=TIE_SOURCES):
    """Every source's ties in the period, one after another."""
    for source in sources:
        yield from source(start, end)
