"""The DuckDB side of the sqllogictest runner's oracle (test/sql/runner/duckdb_oracle.cc).

Reads one JSON request from stdin:
  {"tables": [{"name": ..., "columns": [[name, duckdb_type], ...], "rows": [[text|null, ...], ...]}],
   "query": "SELECT ..."}
creates the tables, inserts the rows (text cast to the column's type, as CAST(text AS type)),
runs the query and prints each result row as a JSON array of strings (null for NULL).
Values print as Flink prints them where the two differ in spelling only: TRUE/FALSE,
timestamps with a space. A DuckDB error goes to stderr with exit code 2.
"""
import datetime
import decimal
import json
import sys

import duckdb


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time, decimal.Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes):
        return "x'" + value.hex() + "'"
    return str(value)


def main():
    request = json.load(sys.stdin)
    connection = duckdb.connect()
    try:
        for table in request["tables"]:
            columns = ", ".join(f"{quote(name)} {kind}" for name, kind in table["columns"])
            connection.execute(f"CREATE TABLE {quote(table['name'])} ({columns})")
            if table["rows"]:
                casts = ", ".join(f"CAST(? AS {kind})" for _, kind in table["columns"])
                connection.executemany(f"INSERT INTO {quote(table['name'])} VALUES ({casts})", table["rows"])
        rows = connection.execute(request["query"]).fetchall()
    except duckdb.Error as error:
        print(f"DuckDB: {error}", file=sys.stderr)
        sys.exit(2)
    for row in rows:
        print(json.dumps([text(value) for value in row]))


if __name__ == "__main__":
    main()
