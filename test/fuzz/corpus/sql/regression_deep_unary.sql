SELECT 1 + 2 * 3 - -4 / 5 IMESTAMP, `quoted``name` -- comment
  /* block */ FRO, EXISTS (SELECT 1),
  CASE WHEN a > 1 THEN 'x' ELSE 'z' END, CASE a WHEN 1 THEN 'one' END, CAST(a AS DECIMAL(10, 2)),
  TRY_CTNERVAL -'5' SECOND, 1.5e3, X'0aff',
  CURRENT_TIMES++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++TAMP, `quoted``name` -- comment
  /* block */ FROM t
