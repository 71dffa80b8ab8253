using NbaLake.Ingest;
using NbaLake.Transform;

namespace NbaLake.Tests.Ingest;

/// <summary>
/// <see cref="GameBucket.Of"/>: the season digits and the block of 4,096 game numbers of an id, read exactly as silver
/// reads the key, so every row of a game silver can have lands in one bucket.
/// </summary>
public class GameBucketTests
{
    [Theory]
    [InlineData("21900001", "g1900")]
    [InlineData("21904095", "g1900")]
    [InlineData("21904096", "g1901")]
    [InlineData("21999999", "g1924")]
    [InlineData("41900001", "g1900")] // the playoffs of a season share its buckets
    [InlineData("22000001", "g2000")]
    [InlineData("20300001", "g0300")]
    [InlineData("1", "g0000")] // a short id is a small number
    [InlineData("0", "g0000")]
    public void A_game_id_gives_its_season_and_block_of_game_numbers(string gameId, string bucket) =>
        Assert.Equal(bucket, GameBucket.Of(gameId));

    [Theory]
    [InlineData(" 21900001")]
    [InlineData("21900001\t")]
    [InlineData("\u00a021900001\u0085")]
    [InlineData("+21900001")]
    [InlineData("021900001")]
    [InlineData("-21900001")] // silver reads it, and quarantines it (detail_ids_positive): in its game's bucket
    public void Every_spelling_of_an_id_shares_the_ids_bucket(string gameId) =>
        Assert.Equal("g1900", GameBucket.Of(gameId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("21900001.0")]
    [InlineData("2.19e7")]
    [InlineData("21 900 001")]
    [InlineData("2147483648")] // int32 overflow
    [InlineData("99999999999")]
    public void An_id_silver_cannot_read_goes_to_the_unkeyed_bucket(string? gameId) =>
        Assert.Equal(GameBucket.Unkeyed, GameBucket.Of(gameId));

    [Theory]
    [InlineData("2147483647", "g7420")]
    [InlineData("-2147483648", "g7420")] // its absolute value does not fit an int32
    public void The_int32_extremes_have_a_bucket(string gameId, string bucket) =>
        Assert.Equal(bucket, GameBucket.Of(gameId));

    [Theory]
    [InlineData("21900001")]
    [InlineData(" +021900001 ")]
    [InlineData("-21900001")]
    [InlineData("")]
    [InlineData("x1")]
    [InlineData("21900001.0")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("-2147483648")]
    [InlineData("\u00a0 7 \u0085")]
    public void The_unkeyed_bucket_holds_exactly_the_ids_silver_rejects_as_bad_key(string gameId)
    {
        var values = new string?[Sources.Games.Columns.Count];
        values[Sources.Games.IndexOf("GAME_ID")] = gameId;
        var parser = new RowParser(Sources.Games, new BronzeRow(values, "b", "games.csv", 2), new SourceOptions());

        var id = parser.KeyInt32(Sources.Games.IndexOf("GAME_ID"));

        var rejected = parser.Reject?.Reason == SilverReject.BadKey;
        Assert.Equal(rejected, GameBucket.Of(gameId) == GameBucket.Unkeyed);
        if (!rejected)
        {
            Assert.Equal(GameBucket.Of(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), GameBucket.Of(gameId));
        }
    }
}
