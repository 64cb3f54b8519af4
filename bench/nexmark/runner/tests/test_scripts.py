import pathlib
import unittest

from runner import scripts


class ScriptTest(unittest.TestCase):
    def test_query_script_pins_the_source_and_fills_placeholders(self):
        workload = scripts.Workload(events=1234, parallelism=2)
        text = scripts.query_script("q0", workload, pathlib.Path("/tmp/w"))
        self.assertTrue(text.startswith("SET 'parallelism.default' = '2';\n"))
        self.assertIn("'connector' = 'nexmark',\n    'seed' = '42',\n    'base-time' = '1700000000000',", text)
        self.assertIn("'events.num' = '1234'", text)
        self.assertIn("'first-event.rate' = '10000000'", text)
        self.assertNotIn("${EVENTS_NUM}", text)
        self.assertIn("'connector' = 'blackhole'", text)

    def test_print_sinks_replace_blackholes(self):
        text = scripts.query_script("q0", scripts.Workload(events=10, parallelism=1), pathlib.Path("/tmp/w"),
                                    print_sinks=True)
        self.assertNotIn("blackhole", text)
        self.assertIn("'connector' = 'print'", text)

    def test_queries_in_numeric_order(self):
        self.assertEqual(scripts.available_queries()[:3], ["q0", "q1", "q2"])
        self.assertEqual(scripts.available_queries()[10], "q10")


if __name__ == "__main__":
    unittest.main()
