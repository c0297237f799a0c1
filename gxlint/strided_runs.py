"""A matching view's origin runs kept as strides when they repeat (issue 9, memory).

A view maps its characters back to the text as runs (:class:`gxlint.normalize.Normalized`):
two arrays, ``at`` and ``src``, one entry per run.  The whitespace-free view of a line that
is half spaces (``| 1 | 1 …``) has a run per character, eight bytes each, and a hostile
megabyte line has such a view for its block, its joined sentences and the table stream.
Such runs repeat: each is as long as the last and starts as far from it.  A stretch of runs
whose ``at`` and ``src`` both grow by the same steps is kept here as one group (first run,
both starts, both steps), and :class:`StridedSequence` gives the same items as the arrays
did, so ``Normalized`` and ``bisect`` read it unchanged.  Runs that do not repeat (every
real text) stay plain arrays: :func:`strided_runs` gives up early on them.  So do runs
that repeat in a longer cycle (``| 12 | 1 …``: two runs of different lengths in turn),
which would need groups of several runs; such a line keeps eight bytes a run.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence

# Below this many runs the arrays are small; keep the fast plain form.
MIN_RUNS = 8192
# Strides only where they take at most this share of the runs (else the arrays are kept).
MAX_GROUP_SHARE = 1 / 16


class StridedSequence:
    """A read-only sequence of ints: item ``r`` is ``base[g] + (r - first[g]) * step[g]``,
    ``g`` the group holding ``r`` (``first`` ascending, starting at 0)."""

    __slots__ = ("_first", "_base", "_step", "_len")

    def __init__(self, first: array, base: array, step: array, length: int) -> None:
        self._first = first
        self._base = base
        self._step = step
        self._len = length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, r: int) -> int:
        if r < 0:
            r += self._len
        if not 0 <= r < self._len:
            raise IndexError("StridedSequence index out of range")
        g = bisect_right(self._first, r) - 1
        return self._base[g] + (r - self._first[g]) * self._step[g]

    def __iter__(self) -> Iterator[int]:
        first, base, step, length = self._first, self._base, self._step, self._len
        for g in range(len(first)):
            end = first[g + 1] if g + 1 < len(first) else length
            b, s = base[g], step[g]
            for k in range(end - first[g]):
                yield b + k * s

    def nbytes(self) -> int:
        """Bytes held by the groups (for tests and measurements)."""
        return sum(a.itemsize * len(a) for a in (self._first, self._base, self._step))


def strided_runs(at: Sequence[int], src: Sequence[int], min_runs: int = MIN_RUNS,
                 max_share: float = MAX_GROUP_SHARE) -> "tuple[StridedSequence, StridedSequence] | None":
    """``(at, src)`` as strided sequences, or None where they do not repeat enough to pay."""
    n = len(at)
    if n < min_runs or n != len(src):
        return None
    limit = int(n * max_share)
    first = array("q")
    at_base = array("q")
    at_step = array("q")
    src_base = array("q")
    src_step = array("q")
    r = 0
    while r < n:
        if len(first) >= limit:
            return None  # the runs do not repeat: keep the arrays
        first.append(r)
        a0 = at[r]
        s0 = src[r]
        at_base.append(a0)
        src_base.append(s0)
        if r + 1 == n:
            at_step.append(0)
            src_step.append(0)
            break
        da = at[r + 1] - a0
        ds = src[r + 1] - s0
        k = r + 1
        a = at[k]
        s = src[k]
        while k + 1 < n:
            a_next = at[k + 1]
            s_next = src[k + 1]
            if a_next - a != da or s_next - s != ds:
                break
            a = a_next
            s = s_next
            k += 1
        at_step.append(da)
        src_step.append(ds)
        r = k + 1
    return (StridedSequence(first, at_base, at_step, n), StridedSequence(first, src_base, src_step, n))
