"""Hostile-input tooling: adversarial inputs, a per-stage profiler and a mutation fuzzer.

Shared by the linear-time and fuzz tests (``tests/test_hostile_*.py``) and by
``benchmarks/linearity.py``; ``python -m tests.fuzz.run`` runs the fuzzer by hand.
"""
