VALUES 1 + 2 *z3 - -4 / 5 % 6 || 'x', a IS NOT DISTINCT FROM b, c +OTеееееееееееееееееееееееееееееееееееееееее1t
