using NbaLake.Tests.Support;

namespace NbaLake.Tests.Host;

/// <summary>Where settings come from: pipeline.json and the environment, and what the job says when they are wrong.</summary>
public class SettingsTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task Only_nbalake_variables_of_a_known_section_are_settings_and_others_of_the_prefix_are_ignored()
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));

        var (ignored, output) = await ValidateAsync(lake, ("NBALAKE_CHROMIUM", "/usr/bin/chromium"), ("NBALAKE_HOME", "/opt/nbalake"), ("NBALAKE_X__Y", "1"));
        Assert.True(ignored == ExitCodes.Success, output);

        var (bad, message) = await ValidateAsync(lake, ("NBALAKE_CHROMIUM", "/usr/bin/chromium"), ("NBALAKE_Publish__StretchGames", "abc"));
        Assert.Equal(ExitCodes.BadUsage, bad);
        Assert.Contains("Failed to convert configuration value 'abc' at 'Publish:StretchGames'", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task Broken_json_settings_are_refused_naming_the_line_the_position_and_the_reason()
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));
        var config = Path.Combine(lake.Root, "pipeline.json");
        File.WriteAllText(config, "{\n  \"Publish\": {\n    \"StretchGames\": 82\n  }\n  \"Lake\": {}\n}\n");

        var (code, output) = await lake.RunAsync("validate", "--config", config);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains($"{config}: not valid JSON settings at line 5, position 3: '\"' is invalid after a value. Expected either ',', '}}', or ']'.", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake.Lake), "nothing may be written when the settings are bad");
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(TempLake lake, params (string Name, string Value)[] environment)
    {
        using var child = new ChildRun(lake, "validate", environment.ToDictionary(e => e.Name, e => e.Value));
        return await child.WaitAsync();
    }
}
