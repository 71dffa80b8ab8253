using Apache.Arrow;
using Apache.Arrow.Types;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform;

namespace NbaLake.Tests.Transform;

public class RowParserTests
{
    private static RowParser Parser(string column, string? value, string minutesFormat = "contract")
    {
        var values = new string?[Sources.GameDetails.Columns.Count];
        values[Sources.GameDetails.IndexOf(column)] = value;
        return new RowParser(Sources.GameDetails, new BronzeRow(values, "b", "f.csv", 2), new SourceOptions { MinutesFormat = Enum.Parse<MinutesFormat>(minutesFormat, ignoreCase: true) });
    }

    private static RowParser GamesParser(string column, string? value, params string[] dateFormats)
    {
        var values = new string?[Sources.Games.Columns.Count];
        values[Sources.Games.IndexOf(column)] = value;
        return new RowParser(Sources.Games, new BronzeRow(values, "b", "games.csv", 2), new SourceOptions { DateFormats = dateFormats });
    }

    private static int Games(string column) => Sources.Games.IndexOf(column);

    private static int Details(string column) => Sources.GameDetails.IndexOf(column);

    private static string? Reject(RowParser parser) => parser.Reject is { } r ? $"{r.Reason} | {r.Column} | {r.Value ?? "null"} | {r.Detail}" : null;

    [Theory]
    [InlineData("34:12", 34.2)]
    [InlineData("27.000000:25", 27 + 25 / 60.0)]
    [InlineData("34", 34.0)]
    [InlineData("9:05", 9 + 5 / 60.0)]
    [InlineData("35:60", 36.0)]
    [InlineData(" 12:30 ", 12.5)]
    public void Minutes_follow_the_contract_formats(string text, double expected)
    {
        var parser = Parser("MIN", text);
        Assert.Equal(expected, parser.Minutes(Sources.GameDetails.IndexOf("MIN"))!.Value, precision: 9);
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData("12:61")]
    [InlineData("27:08:00")]
    [InlineData("0,416666667")]
    [InlineData("-3:00")]
    [InlineData("abc")]
    public void Minutes_in_another_format_are_bad_value(string text)
    {
        var parser = Parser("MIN", text);
        Assert.Null(parser.Minutes(Sources.GameDetails.IndexOf("MIN")));
        Assert.Equal(SilverReject.BadValue, parser.Reject?.Reason);
        Assert.Equal("min", parser.Reject?.Column);
    }

    [Theory]
    [InlineData("21.0", 21)]
    [InlineData("21", 21)]
    [InlineData("-4.0", -4)]
    [InlineData("   ", null)]
    public void Counting_stats_must_be_whole_numbers(string text, int? expected)
    {
        var parser = Parser("PTS", text);
        Assert.Equal(expected, parser.Whole(Sources.GameDetails.IndexOf("PTS")));
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData("21.5")]
    [InlineData("1,024")]
    [InlineData("3000000000")]
    public void A_fraction_a_thousands_separator_or_an_overflow_is_bad_value(string text)
    {
        var parser = Parser("PTS", text);
        Assert.Null(parser.Whole(Sources.GameDetails.IndexOf("PTS")));
        Assert.Equal(SilverReject.BadValue, parser.Reject?.Reason);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e-1")]
    [InlineData("0,5")]
    public void NaN_infinities_exponents_and_decimal_commas_in_a_percentage_are_bad_value(string text)
    {
        var parser = Parser("FG_PCT", text);
        Assert.Null(parser.Double(Sources.GameDetails.IndexOf("FG_PCT")));
        Assert.Equal(SilverReject.BadValue, parser.Reject?.Reason);
        Assert.Equal("fg_pct", parser.Reject?.Column);
    }

    [Theory]
    [InlineData("21900001", 21900001)]
    [InlineData(" +21900001\t", 21900001)]
    [InlineData("021900001", 21900001)]
    [InlineData("-7", -7)]
    [InlineData("2147483647", int.MaxValue)]
    public void A_key_is_an_integer_trimmed_with_an_optional_sign(string text, int expected)
    {
        var parser = GamesParser("GAME_ID", text);
        Assert.Equal(expected, parser.KeyInt32(Games("GAME_ID")));
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("x")]
    [InlineData("21900001.0")]
    [InlineData("2147483648")]
    [InlineData("1e3")]
    public void An_empty_or_non_integer_key_is_bad_key(string? text)
    {
        var parser = GamesParser("GAME_ID", text);
        parser.KeyInt32(Games("GAME_ID"));
        Assert.Equal($"bad_key | game_id | {text ?? "null"} | game_id: expected an integer (int32) key", Reject(parser));
    }

    [Fact]
    public void A_player_id_key_may_pass_the_int32_range_but_not_the_int64_one()
    {
        var parser = Parser("PLAYER_ID", "9999999999");
        Assert.Equal(9_999_999_999L, parser.KeyInt64(Details("PLAYER_ID")));
        Assert.Null(parser.Reject);

        parser = Parser("PLAYER_ID", "9223372036854775808");
        parser.KeyInt64(Details("PLAYER_ID"));
        Assert.Equal("bad_key | player_id | 9223372036854775808 | player_id: expected an integer key", Reject(parser));
    }

    [Theory]
    [InlineData("HOME_TEAM_ID", "home_team_id: expected required: an integer")]
    [InlineData("SEASON", "season: expected required: a whole number")]
    [InlineData("GAME_DATE_EST", "game_date_est: expected required: a date")]
    [InlineData("HOME_TEAM_WINS", "home_team_wins: expected 0 or 1")]
    public void An_empty_required_field_is_bad_value(string column, string detail)
    {
        var parser = GamesParser(column, " ");
        _ = column switch
        {
            "HOME_TEAM_ID" => (object?)parser.Int64(Games(column), required: true),
            "SEASON" => parser.Whole(Games(column), required: true),
            "GAME_DATE_EST" => parser.Date(Games(column), required: true),
            _ => parser.ZeroOne(Games(column), required: true),
        };
        Assert.Equal($"bad_value | {column.ToLowerInvariant()} |   | {detail}", Reject(parser));
    }

    [Fact]
    public void An_empty_optional_field_is_null_and_no_reject()
    {
        var parser = GamesParser("PTS_home", null);
        Assert.Null(parser.Int64(Games("HOME_TEAM_ID")));
        Assert.Null(parser.Whole(Games("PTS_home")));
        Assert.Null(parser.Date(Games("GAME_DATE_EST")));
        Assert.Null(parser.ZeroOne(Games("HOME_TEAM_WINS")));
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12.0", 12)]
    [InlineData("-1", null)]
    [InlineData("-1.0", null)]
    public void A_count_is_a_whole_number_of_0_or_more(string text, int? expected)
    {
        var parser = Parser("FGM", text);
        Assert.Equal(expected, parser.Count(Details("FGM")));
        Assert.Equal(expected is null ? $"bad_value | fgm | {text} | fgm: expected a count of 0 or more" : null, Reject(parser));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData(" .5 ", 0.5)]
    [InlineData("1", 1.0)]
    [InlineData("-0.25", -0.25)] // a range rule judges it, not the parser
    public void A_percentage_is_a_decimal_number_with_a_point(string text, double expected)
    {
        var parser = Parser("FG_PCT", text);
        Assert.Equal(expected, parser.Double(Details("FG_PCT")));
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData("2019-10-22")]
    [InlineData(" 2019-10-22 ")]
    [InlineData("2019-10-22 00:00:00")]
    [InlineData("2019-10-22T00:00:00Z")]
    public void A_date_is_iso_with_any_time_part_ignored(string text)
    {
        var parser = GamesParser("GAME_DATE_EST", text);
        Assert.Equal(new DateOnly(2019, 10, 22), parser.Date(Games("GAME_DATE_EST")));
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData("22/10/2019")]
    [InlineData("2019-02-30")]
    [InlineData("2019-10-22x")]
    [InlineData("20191022")]
    public void Another_date_format_is_bad_value_naming_the_setting_that_accepts_it(string text)
    {
        var parser = GamesParser("GAME_DATE_EST", text);
        Assert.Null(parser.Date(Games("GAME_DATE_EST")));
        Assert.Equal($"bad_value | game_date_est | {text} | game_date_est: expected a date as yyyy-MM-dd (add the format to Sources:Games:DateFormats in pipeline.json)",
            Reject(parser));
    }

    [Theory]
    [InlineData("22/10/2019")]
    [InlineData("22/10/2019 00:00")]
    [InlineData("2019-10-22")]
    public void A_configured_date_format_is_accepted_besides_iso(string text)
    {
        var parser = GamesParser("GAME_DATE_EST", text, "dd/MM/yyyy");
        Assert.Equal(new DateOnly(2019, 10, 22), parser.Date(Games("GAME_DATE_EST")));
        Assert.Null(parser.Reject);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData(" 1 ", true)]
    [InlineData("2", null)]
    [InlineData("1.0", null)]
    [InlineData("yes", null)]
    [InlineData("true", null)]
    public void Home_team_wins_is_exactly_0_or_1(string text, bool? expected)
    {
        var parser = GamesParser("HOME_TEAM_WINS", text);
        Assert.Equal(expected, parser.ZeroOne(Games("HOME_TEAM_WINS"), required: true));
        Assert.Equal(expected is null ? SilverReject.BadValue : null, parser.Reject?.Reason);
    }

    [Theory]
    [InlineData("27:08:00", 27 + 8 / 60.0)]
    [InlineData("0,416666667", 10.0)]
    [InlineData("0.416666667", 10.0)]
    [InlineData("1", 24.0)]
    [InlineData("34:12", 34.2)]
    public void Spreadsheet_minutes_are_read_back_as_minutes(string text, double expected)
    {
        var parser = Parser("MIN", text, "spreadsheet");
        Assert.Equal(expected, parser.Minutes(Details("MIN"))!.Value, precision: 9);
        Assert.Null(parser.Reject);
    }

    [Fact]
    public void A_spreadsheet_time_under_the_contract_format_is_bad_value_with_the_setting_that_reads_it()
    {
        var parser = Parser("MIN", "27:08:00");
        parser.Minutes(Details("MIN"));
        Assert.Equal("bad_value | min | 27:08:00 | min: expected minutes as m:ss, m.ffffff:ss or m; it looks like a spreadsheet time: "
            + "if the export's MIN went through a spreadsheet, set Sources:GameDetails:MinutesFormat to \"spreadsheet\"", Reject(parser));
    }

    [Theory]
    [InlineData("  DNP - Coach's Decision ", "DNP - Coach's Decision")]
    [InlineData("\u00a0LeBron James\u0085", "LeBron James")]
    [InlineData("   ", null)]
    public void Text_is_trimmed_and_blank_is_null(string text, string? expected)
    {
        var parser = Parser("COMMENT", text);
        Assert.Equal(expected, parser.Text(Details("COMMENT")));
        Assert.Null(parser.Reject);
    }

    [Fact]
    public void The_first_rule_a_row_breaks_is_its_reject()
    {
        var values = new string?[Sources.GameDetails.Columns.Count];
        (values[Details("GAME_ID")], values[Details("PTS")]) = ("x", "y");
        var parser = new RowParser(Sources.GameDetails, new BronzeRow(values, "b", "f.csv", 2), new SourceOptions());

        parser.KeyInt32(Details("GAME_ID"));
        parser.Count(Details("PTS"));

        Assert.Equal("bad_key | game_id | x | game_id: expected an integer (int32) key", Reject(parser));
    }

    [Fact]
    public void Moving_to_another_row_or_chunk_forgets_the_last_rows_reject_and_values()
    {
        var parser = new RowParser(Sources.GameDetails, new SourceOptions());
        var pts = Details("PTS");
        using var first = BronzeChunk.Of([Bronze(("PTS", "x")), Bronze(("PTS", "5"))], Sources.GameDetails.Columns.Count);
        using var second = BronzeChunk.Of([Bronze(("PTS", "7"))], Sources.GameDetails.Columns.Count);

        parser.MoveTo(first, 0);
        Assert.Null(parser.Count(pts));
        Assert.NotNull(parser.Reject);
        parser.MoveTo(first, 1);
        Assert.Equal(5, parser.Count(pts));
        Assert.Null(parser.Reject);
        parser.MoveTo(second, 0);
        Assert.Equal(7, parser.Count(pts));
    }

    [Fact]
    public void A_value_rows_share_in_a_row_group_is_judged_for_each_row_and_each_kind_of_parse()
    {
        // A bronze row group holds each distinct value once: rows 2 and 4 both hold "-4", row 3 holds "20".
        var width = Sources.GameDetails.Columns.Count;
        var columns = Enumerable.Range(0, width).Select(_ => TextColumn.Of([null, null, null])).ToArray();
        columns[Details("PTS")] = TextColumn.From(new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false),
            new Int32Array.Builder().Append(0).Append(1).Append(0).Build(), new StringArray.Builder().Append("-4").Append("20").Build()));
        var lines = System.Buffers.ArrayPool<long>.Shared.Rent(3);
        (lines[0], lines[1], lines[2]) = (2, 3, 4);
        using var chunk = new BronzeChunk(3, columns) { Batches = TextColumn.Of(["b", "b", "b"]), Files = TextColumn.Of(["f.csv", "f.csv", "f.csv"]), Lines = lines };
        var parser = new RowParser(Sources.GameDetails, new SourceOptions());
        var pts = Details("PTS");

        var judged = Enumerable.Range(0, 3).Select(i =>
        {
            parser.MoveTo(chunk, i);
            var whole = parser.Whole(pts);
            var wholeReject = parser.Reject;
            var count = parser.Count(pts);
            return $"{whole} {wholeReject?.Reason ?? "-"} {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} {parser.Reject?.Reason ?? "-"} {parser.Reject?.SourceLine}";
        });

        Assert.Equal(["-4 - null bad_value 2", "20 - 20 - ", "-4 - null bad_value 4"], judged);
    }

    private static BronzeRow Bronze(params (string Column, string? Value)[] fields) => Support.BronzeRows.Row(Sources.GameDetails, "b", "f.csv", 2, fields);
}
