"""Objectives: the month's plan (ObjectivePlan), its checks and validation, and the setter's prompt.

The agent that writes the plan is :class:`synthcomp_agents.agents.ObjectiveSetterAgent` (with
:func:`~synthcomp_agents.agents.create_objectives`); objectives sit below the world and the agents.
"""

from ._checks import CHECK_TYPES, Check
from ._checks import CheckContext as CheckContext
from ._checks import CheckResult as CheckResult
from ._checks import FileExists as FileExists
from ._checks import HasColumns as HasColumns
from ._checks import HasHeadings as HasHeadings
from ._checks import HasSheets as HasSheets
from ._checks import Mentions as Mentions
from ._checks import MinSlides as MinSlides
from ._checks import MinWords as MinWords
from ._checks import QuotesValue as QuotesValue
from ._checks import SentTo as SentTo
from ._checks import StatesFact as StatesFact
from ._checks import brief_form as brief_form
from ._checks import brief_topic as brief_topic
from ._evidence import DEFAULT_SENT_FOLDER as DEFAULT_SENT_FOLDER
from ._evidence import DeliverableFile as DeliverableFile
from ._evidence import SentMail as SentMail
from ._evidence import collaborator_addresses as collaborator_addresses
from ._evidence import format_number as format_number
from ._evidence import load_received_mail as load_received_mail
from ._evidence import load_sent_mail as load_sent_mail
from ._evidence import number_matches as number_matches
from ._evidence import parse_numbers as parse_numbers
from ._evidence import quoted_list as quoted_list
from ._evidence import stated_numbers as stated_numbers
from ._evidence import stated_numbers_at as stated_numbers_at
from ._matching import content_words as content_words
from ._matching import decision_verbs as decision_verbs
from ._matching import fact_statement as fact_statement
from ._matching import reverses as reverses
from ._matching import statements as statements
from ._plan import DELIVERABLE_KINDS as DELIVERABLE_KINDS
from ._plan import PLAN_SCHEMA_VERSION as PLAN_SCHEMA_VERSION
from ._plan import AcceptanceCheck as AcceptanceCheck
from ._plan import CollaboratorInput as CollaboratorInput
from ._plan import Deliverable as Deliverable
from ._plan import Objective as Objective
from ._plan import ObjectivePlan
from ._plan import RubricItem as RubricItem
from ._reply import answer_day as answer_day
from ._reply import earliest_answer_day as earliest_answer_day
from ._reply import replies_in_evening as replies_in_evening
from ._setter import ObjectiveSetterError as ObjectiveSetterError
from ._setter import example_plan as example_plan
from ._setter import month_start_for as month_start_for
from ._setter import setter_system_prompt as setter_system_prompt
from ._validate import validate_plan as validate_plan

__all__ = [
    "CHECK_TYPES",
    "Check",
    "ObjectivePlan",
]
