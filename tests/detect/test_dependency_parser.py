"""The MiniLM dependency parser: tree decoding, and the shipped model's trees on health
prose that our CNN parser got wrong."""

from __future__ import annotations

import numpy as np

from claimcheck.detect.dependency_parser import best_tree


def _scores(best_heads: list[int], size: int) -> np.ndarray:
    """Arc scores (dependent x head, root row and column included) that favour the given
    head of each word strongly and every other head weakly."""
    scores = np.full((size + 1, size + 1), -5.0)
    for dependent, head in enumerate(best_heads, start=1):
        scores[dependent, head] = 0.0
    return scores


def test_best_heads_that_form_a_tree_are_kept() -> None:
    assert best_tree(_scores([2, 0, 2], 3)) == [2, 0, 2]


def test_two_roots_become_one() -> None:
    scores = _scores([0, 0, 2], 3)
    scores[2, 0] = 1.0  # word 2 is the likelier root
    scores[1, 2] = -1.0  # word 1's next best head
    heads = best_tree(scores)
    assert heads.count(0) == 1
    assert heads == [2, 0, 2]


def test_a_cycle_is_broken() -> None:
    scores = _scores([2, 1, 0], 3)  # words 1 and 2 head each other
    scores[1, 3] = -1.0
    heads = best_tree(scores)
    assert heads.count(0) == 1
    assert heads == [3, 1, 0]


def _tree(parser, text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.dep_, t.head.text) for t in parser(text)}


def test_a_list_of_three_hangs_on_its_first_member(parser) -> None:
    tree = _tree(parser, "Fluoridated water causes bone cancer, arthritis and thyroid disease.")
    assert tree["cancer"] == ("obj", "causes")
    assert tree["arthritis"] == ("conj", "cancer")
    assert tree["disease"] == ("conj", "cancer")


def test_a_participle_aside_leaves_the_subject_with_its_verb(parser) -> None:
    tree = _tree(parser, "Kratom, derived from the tropical tree, has gained attention.")
    assert tree["gained"][0] == "ROOT"
    assert tree["Kratom"] == ("nsubj", "gained")
    assert tree["derived"] == ("acl", "Kratom")
