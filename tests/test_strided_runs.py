"""Strided origin runs read exactly as the arrays they replace (gxlint/strided_runs.py)."""

from __future__ import annotations

import bisect
import random
from array import array

from gxlint.normalize import Normalized, _view
from gxlint.strided_runs import StridedSequence, strided_runs


def _runs(stretches: list[tuple[int, int]], repeats: int) -> tuple[array, array]:
    """Runs of each (length, gap after) of ``stretches`` in turn, ``repeats`` of each."""
    at, src = array("i"), array("i")
    a = s = 0
    for length, gap in stretches:
        for _ in range(repeats):
            at.append(a)
            src.append(s)
            a += length
            s += length + gap
    return at, src


def test_a_sequence_reads_as_its_items():
    seq = StridedSequence(array("q", [0, 3, 4]), array("q", [10, 100, 7]), array("q", [2, 0, -1]), 7)
    assert list(seq) == [10, 12, 14, 100, 7, 6, 5]
    assert [seq[r] for r in range(7)] == list(seq) and seq[-1] == 5 and len(seq) == 7
    try:
        seq[7]
    except IndexError:
        pass
    else:  # pragma: no cover
        raise AssertionError("no IndexError")


def test_repeating_runs_become_few_groups_and_read_the_same():
    rng = random.Random(9)
    for stretches in ([(1, 1)], [(2, 1), (1, 3)], [(1, 1), (5, 2), (1, 1), (2, 7)]):
        at, src = _runs(stretches, 5000)
        strided = strided_runs(at, src, min_runs=100)
        assert strided is not None
        s_at, s_src = strided
        assert list(s_at) == list(at) and list(s_src) == list(src)
        assert s_at.nbytes() + s_src.nbytes() < (at.itemsize * len(at) + src.itemsize * len(src)) / 50
        for _ in range(200):  # bisect on the sequence as on the array
            i = rng.randrange(at[-1] + 3)
            assert bisect.bisect_right(s_at, i) == bisect.bisect_right(at, i)
            assert bisect.bisect_right(s_src, i) == bisect.bisect_right(src, i)


def test_runs_that_do_not_repeat_stay_arrays():
    rng = random.Random(3)
    at, src = array("i"), array("i")
    a = s = 0
    for _ in range(20_000):
        length = rng.randrange(1, 9)
        at.append(a)
        src.append(s)
        a += length
        s += length + rng.randrange(1, 4)
    assert strided_runs(at, src, min_runs=100) is None
    # a repeat of more than one run (`| 12 | 1 …`) is not a stride: kept as arrays too
    at, src = array("i"), array("i")
    for k in range(10_000):
        at.append(k * 3 // 2)
        src.append(k * 5 // 2)
    assert strided_runs(at, src, min_runs=100) is None
    assert strided_runs(*_runs([(1, 1)], 10), min_runs=100) is None  # too few to bother


def test_a_view_with_strides_maps_every_character_as_with_arrays():
    value = "| 1 " * 20_000 + "申 请" * 5000 + "| 1 " * 20_000
    folded, (at, src) = _view(value, True)
    strided = strided_runs(at, src)
    assert strided is not None
    plain, packed = Normalized(folded, (at, src), None), Normalized(folded, strided, None)
    rng = random.Random(1)
    for i in [0, 1, len(folded) - 1] + [rng.randrange(len(folded)) for _ in range(500)]:
        assert packed.origin_at(i) == plain.origin_at(i)
        assert packed.original_range(i, i + 7) == plain.original_range(i, i + 7)
    for k in [0, 1, 2, len(value) - 1, len(value)] + [rng.randrange(len(value)) for _ in range(500)]:
        assert packed.view_index(k) == plain.view_index(k)
    assert packed.origin == plain.origin
