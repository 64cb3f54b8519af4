"""Folds the output of print sinks into the final result, for the correctness check.

Both engines print a row as Flink's print sink does, `+I[…]`, `-U[…]`, `+U[…]`, `-D[…]`,
prefixed with `N> ` when the sink runs in parallel. Folding adds insertions and update-afters
and subtracts deletions and update-befores, leaving the rows the sink would hold at the end.

A changelog may also be an upsert stream on a key (Flink sends one when the sink does not ask
for update-befores: `+U` without `-U`); folded on that key, each change replaces or deletes
the row with the same key.
"""
import collections
import re

_ROW = re.compile(r"^(?:\d+> )?([+-][IUD])\[(.*)\]$")
_SIGN = {"+I": 1, "+U": 1, "-U": -1, "-D": -1}


def fold(text, key_fields=0):
    """The final multiset of rows (row text -> count, counts never zero) and the count of
    changelog lines read. A negative count means a row retracted more often than added.
    With key_fields > 0 the changelog is folded as an upsert stream keyed on that many
    leading fields."""
    rows = collections.Counter()
    by_key = {}
    changes = 0
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if not match:
            continue
        changes += 1
        kind, row = match.groups()
        if key_fields:
            key = tuple(row.split(", ")[:key_fields])
            if _SIGN[kind] > 0:
                by_key[key] = row
            else:
                by_key.pop(key, None)
        else:
            rows[row] += _SIGN[kind]
    if key_fields:
        rows = collections.Counter(by_key.values())
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
