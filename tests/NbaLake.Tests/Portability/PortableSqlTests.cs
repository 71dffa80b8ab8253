using NbaLake.Tests.Support;

namespace NbaLake.Tests.Portability;

/// <summary>
/// <c>sql/silver</c> and <c>sql/gold</c> are written in the common ground of DuckDB, Spark SQL and Trino (sql/README.md),
/// so the same definitions run on Spark over the same lake (docs/scale-out.md). DuckDB runs them in the gold and silver
/// cross-checks; here an independent parser of the Spark SQL and Trino grammars (dt-sql-parser) parses every file, and
/// every function called must be on the README's allow-list. Each check is shown to fail on DuckDB-only SQL.
/// </summary>
public class PortableSqlTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Every_sql_file_parses_as_spark_sql_and_as_trino()
    {
        Assert.Contains("sql/gold/answers.sql", PortableSql.Files);
        Assert.Contains("sql/silver/typed_game_details.sql", PortableSql.Files);

        var errors = await PortableSql.ParseAsync(PortableSql.Files);

        Assert.True(errors.Count == 0, "Not in the common dialect (sql/README.md):\n" + string.Join("\n", errors));
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Parse_check_fails_on_duckdb_only_syntax_naming_file_dialect_and_line()
    {
        // Each statement sits on line 2 of its own file, below a comment. The rejections are what dt-sql-parser 4.5.1
        // really reports: Trino's grammar lacks GROUP BY ALL; Spark's cannot add a frame to a named window (Trino can).
        var cases = new (string Sql, string[] RejectedBy)[]
        {
            ("SELECT * EXCLUDE (a) FROM t", ["spark", "trino"]),
            ("SELECT a::INTEGER FROM t", ["spark", "trino"]),
            ("SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) = 1", ["spark", "trino"]),
            ("SELECT a, count(*) FROM t GROUP BY ALL", ["trino"]),
            ("SELECT sum(a) OVER (w ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM t WINDOW w AS (ORDER BY a)", ["spark"]),
            ("SELECT a, CAST(b AS VARCHAR(20)) AS b FROM t ORDER BY a LIMIT 1", []), // portable: no error
        };
        var folder = Directory.CreateTempSubdirectory("nbalake-sql-parse-");
        try
        {
            var files = cases.Select((c, i) => Path.Combine(folder.FullName, $"case{i}.sql")).ToList();
            for (var i = 0; i < cases.Length; i++)
            {
                await File.WriteAllTextAsync(files[i], "-- a DuckDB-only construct\n" + cases[i].Sql, TestContext.Current.CancellationToken);
            }

            var errors = await PortableSql.ParseAsync(files);

            for (var i = 0; i < cases.Length; i++)
            {
                var rejectedBy = errors.Where(e => e.File == files[i]).ToList();
                Assert.True(cases[i].RejectedBy.SequenceEqual(rejectedBy.Select(e => e.Dialect).Distinct().Order(StringComparer.Ordinal)),
                    $"{cases[i].Sql}: expected errors from [{string.Join(", ", cases[i].RejectedBy)}], got:\n{string.Join("\n", rejectedBy)}");
                Assert.All(rejectedBy.GroupBy(e => e.Dialect), d => Assert.Equal(2, d.First().Line));
                Assert.All(rejectedBy, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            }
            Assert.Contains($"{files[0]}:2:", errors.First(e => e.File == files[0]).ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_sql_file_calls_only_functions_of_the_allow_list()
    {
        var findings = PortableSql.Files
            .SelectMany(f => PortableSql.NonPortable(File.ReadAllText(Path.Combine(Repo.Root, f))).Select(finding => $"{f}: {finding}"))
            .ToList();

        Assert.True(findings.Count == 0, "Not in the common dialect (sql/README.md):\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("SELECT strftime(game_date, '%B %-d, %Y') FROM t", "function strftime()")]
    [InlineData("SELECT format('{:,}', total_pts) FROM t", "function format()")]
    [InlineData("SELECT * FROM t WHERE regexp_matches(a, '^[0-9]+$')", "function regexp_matches()")]
    [InlineData("SELECT list_value(1, 2)", "function list_value()")]
    [InlineData("SELECT concat(a, b) FROM t", "function concat()")]
    [InlineData("SELECT * FROM read_parquet('lake/silver/games/*.parquet')", "function read_parquet()")]
    [InlineData("SELECT a, count(*) FROM t GROUP BY ALL", "GROUP BY ALL")]
    [InlineData("SELECT a FROM t ORDER BY ALL", "ORDER BY ALL")]
    [InlineData("SELECT \"to\" FROM t", "a \"quoted\" identifier")]
    [InlineData("SELECT `to` FROM t", "a `quoted` identifier")]
    [InlineData("SELECT regexp_like(a, '^\\d+$') FROM t", "a backslash in a string literal")]
    public void Function_check_fails_on_duckdb_only_functions_and_constructs(string sql, string expected)
    {
        var findings = PortableSql.NonPortable("-- a DuckDB-only construct\n" + sql);

        var finding = Assert.Single(findings);
        Assert.StartsWith("line 2: " + expected, finding, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDb_with_its_shims_gives_the_meanings_the_readme_states()
    {
        using var duck = new Duck();
        PortableSql.AddDuckDbShims(duck);

        // regexp_like finds a match anywhere; the others as sql/README.md says DuckDB reads them (third column).
        Assert.Equal(
            "True | False | True | '' | a-bc. | 12,3 | 12 | 1234 | 133",
            string.Join(" | ", duck.Rows("""
                SELECT regexp_like('ab12', '[0-9]'), regexp_like('ab12', '^[0-9]+$'), regexp_like(NULL, 'x') IS NULL,
                       '''' || regexp_extract('abc', '([0-9]+)', 1) || '''',
                       regexp_replace('a.bc.', '[.]', '-'),
                       trim(LEADING '0,' FROM '000,012,3'), lpad('1234', 2, '0'), CAST(1234 AS VARCHAR(20)),
                       unicode(chr(133))
                """)));
    }

    [Fact]
    public void Function_check_passes_keywords_types_comments_and_literals()
    {
        const string sql = """
            -- strftime( in a comment, and format( in a literal, are not calls
            WITH named AS (SELECT 1 AS a, 'format(x)' AS b)
            SELECT CAST(a AS VARCHAR(20)), coalesce(b, 'it''s'), row_number() OVER (PARTITION BY a ORDER BY b)
            FROM named WHERE a IN (1, 2) AND NOT (b IS NULL) AND EXISTS (SELECT 1)
            GROUP BY GROUPING SETS ((a), (b))
            """;

        Assert.Empty(PortableSql.NonPortable(sql));
    }
}
