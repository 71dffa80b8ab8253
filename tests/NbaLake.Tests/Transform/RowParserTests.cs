using NbaLake.Ingest;
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
}
