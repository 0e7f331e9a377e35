"""SAMHSA's trauma-informed framework: the six key principles and ten implementation domains.

Source: SAMHSA (2014), *SAMHSA's Concept of Trauma and Guidance for a Trauma-Informed Approach*,
HHS Publication No. (SMA) 14-4884 (US public domain). The ids are tila's stable identifiers;
questionnaires refer to principles and domains by these ids only, so reports from different
instruments line up.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    id: str
    title: str
    short: str


PRINCIPLES: tuple[Concept, ...] = (
    Concept("safety", "Safety", "Safety"),
    Concept("trustworthiness", "Trustworthiness and Transparency", "Trust"),
    Concept("peer_support", "Peer Support", "Peer support"),
    Concept("collaboration", "Collaboration and Mutuality", "Collaboration"),
    Concept("empowerment", "Empowerment, Voice and Choice", "Empowerment"),
    Concept("cultural", "Cultural, Historical, and Gender Issues", "Cultural"),
)

DOMAINS: tuple[Concept, ...] = (
    Concept("governance", "Governance and Leadership", "Governance"),
    Concept("policy", "Policy", "Policy"),
    Concept("environment", "Physical Environment", "Environment"),
    Concept("engagement", "Engagement and Involvement", "Engagement"),
    Concept("cross_sector", "Cross Sector Collaboration", "Cross-sector"),
    Concept("services", "Screening, Assessment, and Treatment Services", "Services"),
    Concept("workforce", "Training and Workforce Development", "Workforce"),
    Concept("monitoring", "Progress Monitoring and Quality Assurance", "Monitoring"),
    Concept("financing", "Financing", "Financing"),
    Concept("evaluation", "Evaluation", "Evaluation"),
)

PRINCIPLE_IDS: tuple[str, ...] = tuple(p.id for p in PRINCIPLES)
DOMAIN_IDS: tuple[str, ...] = tuple(d.id for d in DOMAINS)

_BY_ID = {c.id: c for c in (*PRINCIPLES, *DOMAINS)}


def principle(id_: str) -> Concept:
    """The principle with this id (KeyError for an unknown id)."""
    if id_ not in PRINCIPLE_IDS:
        raise KeyError(id_)
    return _BY_ID[id_]


def domain(id_: str) -> Concept:
    """The implementation domain with this id (KeyError for an unknown id)."""
    if id_ not in DOMAIN_IDS:
        raise KeyError(id_)
    return _BY_ID[id_]
