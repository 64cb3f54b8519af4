import unittest

from runner import changelog


class FoldTest(unittest.TestCase):
    def test_folds_updates_and_parallel_prefixes(self):
        text = "\n".join([
            "[INFO] Execute statement succeed.",
            "1> +I[a, 1]",
            "2> +I[b, 2]",
            "1> -U[a, 1]",
            "1> +U[a, 3]",
            "-D[b, 2]",
            "+I[c, 4]",
            "+I[c, 4]",
        ])
        self.assertEqual(changelog.fold(text), ({"a, 3": 1, "c, 4": 2}, 7))

    def test_folds_an_upsert_stream_on_its_key(self):
        text = "\n".join([
            "+I[1, a, 10]",
            "+U[1, b, 20]",
            "+I[2, c, 5]",
            "-D[2, c, 5]",
            "+I[3, d, 7]",
            "-D[3, d, 7]",
            "+I[3, e, 8]",
        ])
        self.assertEqual(changelog.fold(text, key_fields=1), ({"1, b, 20": 1, "3, e, 8": 1}, 7))

    def test_compare_names_the_rows_that_differ(self):
        self.assertIsNone(changelog.compare({"a": 1}, {"a": 1}))
        self.assertEqual(changelog.compare({"a": 1, "b": 2}, {"a": 1, "b": 1, "c": 1}),
                         "Eddy 3 rows, Flink 3 rows | Eddy has: b x2 | Flink has: b x1; c x1")


if __name__ == "__main__":
    unittest.main()
