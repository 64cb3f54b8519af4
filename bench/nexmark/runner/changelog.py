"""Folds the output of print sinks into the final result, for the correctness check.

Both engines print a row as Flink's print sink does, `+I[…]`, `-U[…]`, `+U[…]`, `-D[…]`,
prefixed with `N> ` when the sink runs in parallel. Folding adds insertions and update-afters
and subtracts deletions and update-befores, leaving the rows the sink would hold at the end.
"""
import collections
import re

_ROW = re.compile(r"^(?:\d+> )?([+-][IUD])\[(.*)\]$")
_SIGN = {"+I": 1, "+U": 1, "-U": -1, "-D": -1}


def fold(text):
    """The final multiset of rows (row text -> count, counts never zero) and the count of
    changelog lines read. A negative count means a row retracted more often than added."""
    rows = collections.Counter()
    changes = 0
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if match:
            changes += 1
            rows[match.group(2)] += _SIGN[match.group(1)]
    return {row: n for row, n in rows.items() if n != 0}, changes


def compare(eddy, flink, examples=3):
    """None when the folded results are equal, else a short description of the difference."""
    if eddy == flink:
        return None
    # Rows whose count differs, with each engine's count of them.
    eddy_diff = sorted(r for r in eddy if eddy.get(r) != flink.get(r))
    flink_diff = sorted(r for r in flink if flink.get(r) != eddy.get(r))
    parts = [f"Eddy {sum(eddy.values())} rows, Flink {sum(flink.values())} rows"]
    if eddy_diff:
        parts.append("Eddy has: " + "; ".join(f"{r} x{eddy[r]}" for r in eddy_diff[:examples]))
    if flink_diff:
        parts.append("Flink has: " + "; ".join(f"{r} x{flink[r]}" for r in flink_diff[:examples]))
    return " | ".join(parts)
