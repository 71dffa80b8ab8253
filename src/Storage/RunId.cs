using System.Globalization;
using System.Security.Cryptography;

namespace NbaLake.Storage;

/// <summary>Run ids: UTC start time plus a random suffix, so ordinal order is start order (the batch order of bronze).</summary>
public static class RunId
{
    /// <summary>A new run id such as <c>20261126T150321Z-3f9a1c</c>.</summary>
    public static string New(DateTime utcNow) =>
        utcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
}
