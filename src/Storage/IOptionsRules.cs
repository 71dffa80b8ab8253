namespace NbaLake.Storage;

/// <summary>
/// Options that state their own rules beyond a whole number's <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>:
/// the options type declares each setting's default, its rule and what it shapes (<see cref="ShapesAttribute"/>) in one
/// place, and the host checks every rule at start-up (a broken one stops the job with exit code 2).
/// </summary>
public interface IOptionsRules
{
    /// <summary>Each broken rule as one sentence naming the setting's key (below <paramref name="section"/>), what it must be and what it is.</summary>
    IEnumerable<string> Problems(string section);
}
