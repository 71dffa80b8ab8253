using System.Globalization;

namespace NbaLake.Storage;

/// <summary>Run ids: UTC start time plus a random suffix, so ordinal order is start order (the batch order of bronze).</summary>
public static class RunId
{
    /// <summary>
    /// A new run id such as <c>20261126T150321Z-3f9a1c</c>. The suffix tells apart runs started in the same millisecond:
    /// it need not be secret, so it does not wait for the cryptographic library (OpenSSL) to load at start-up.
    /// </summary>
    public static string New(DateTime utcNow) =>
        utcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(1 << 24).ToString("x6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The UTC day a run started, read from its id (the first eight characters, <c>yyyyMMdd</c>); null for an id that
    /// does not start with a date. A bronze row's <c>_batch_id</c> is the id of the run that ingested it, so this is
    /// the day the row was ingested.
    /// </summary>
    public static DateOnly? Day(string runId) =>
        runId.Length >= 8 && DateOnly.TryParseExact(runId.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
}
