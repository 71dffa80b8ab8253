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
        Assert.Contains("Publish:StretchGames must be a whole number of at least 1 (got \"abc\").", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task The_repos_pipeline_json_is_valid_with_its_empty_lists()
    {
        // The README's first command runs with this file. .NET 10's JSON provider gives "DateFormats": [] and
        // "SeasonTypes": [] the value "", which was once refused as a single value where a list is needed (exit 2).
        using var lake = new TempLake(landing: Repo.Fixture("small"));

        var (code, output) = await lake.RunAsync("validate", "--config", Path.Combine(Repo.Root, "pipeline.json"), "--landing", lake.Landing);

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("A run would succeed (exit code 0).", output, StringComparison.Ordinal);
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

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_key_given_twice_in_the_settings_file_is_refused_naming_the_key_and_both_lines()
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));
        var config = Path.Combine(lake.Root, "pipeline.json");
        File.WriteAllText(config, "{\n  \"Publish\": {\n    \"StretchGames\": 82,\n    \"StreakPlayer\": \"x\",\n    \"stretchgames\": 90\n  }\n}\n");

        var (code, output) = await lake.RunAsync("validate", "--config", config);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains($"nbalake: {config}: the key Publish:stretchgames is given twice, on lines 3 and 5: keep one of them (only one can hold the setting).", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_settings_file_that_is_a_dangling_link_or_a_pipe_is_refused_and_never_read()
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));
        var dangling = Path.Combine(lake.Root, "dangling.json");
        File.CreateSymbolicLink(dangling, "/nonexistent/pipeline.json");
        var pipe = Path.Combine(lake.Root, "pipe.json");
        Assert.True(Mono.Unix.Native.Syscall.mkfifo(pipe, Mono.Unix.Native.FilePermissions.DEFFILEMODE) == 0, "mkfifo failed");

        var (linked, linkOutput) = await lake.RunAsync("validate", "--config", dangling);
        var (piped, pipeOutput) = await lake.RunAsync("validate", "--config", pipe); // reading it would block for ever

        Assert.Equal(ExitCodes.BadUsage, linked);
        Assert.Contains($"{dangling} is a link to /nonexistent/pipeline.json, which does not exist", linkOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, piped);
        Assert.Contains($"{pipe} is not a regular file (a pipe or a device?)", pipeOutput, StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeouts.Job)]
    [InlineData("--Sources:Games:Mode=5", "Sources:Games:Mode must be append or snapshot (got \"5\").")]
    [InlineData("--Sources:GameDetails:MinutesFormat=9", "Sources:GameDetails:MinutesFormat must be contract or spreadsheet (got \"9\").")]
    [InlineData("--Sources:Games:Mode=bogus", "Sources:Games:Mode must be append or snapshot (got \"bogus\").")]
    public async Task A_number_where_a_named_choice_is_expected_is_refused(string setting, string message)
    {
        using var lake = new TempLake(landing: Repo.Fixture("small"));
        var (code, output) = await lake.RunAsync("validate", "--landing", lake.Landing, setting);
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Publish": "x" }""", "Publish is a section of settings, not a value: set its keys (got \"x\").")]
    [InlineData("""{ "Sources": { "Games": "games2*.csv" } }""", "Sources:Games is a section of settings, not a value: set its keys (Sources:Games:Glob=…) (got \"games2*.csv\").")]
    [InlineData("""{ "Publish": { "StretchGames": [82] } }""", "Publish:StretchGames must be a single value (got a list or section: Publish:StretchGames:0).")]
    [InlineData("""{ "Sources": { "Games": { "Mode": ["snapshot"] } } }""", "Sources:Games:Mode must be a single value (got a list or section: Sources:Games:Mode:0).")]
    [InlineData("""{ "Publish": { "StreakPlayer": { "Name": "x" } } }""", "Publish:StreakPlayer must be a single value (got a list or section: Publish:StreakPlayer:Name).")]
    [InlineData("""{ "Publish": { "SeasonTypes": [["Playoffs"]] } }""", "Publish:SeasonTypes must be a list of values (got a list or section at Publish:SeasonTypes:0).")]
    [InlineData("""{ "Publish": { "StretchGames": null } }""", "Publish:StretchGames has no value (null): remove the key to keep its default.")]
    public void A_setting_of_the_wrong_shape_is_refused_rather_than_left_at_its_default(string json, string message)
    {
        // The settings binder generated at build time skips what it does not expect and keeps the default: the job
        // would run with settings other than the ones written. Each shape is refused by name instead.
        using var lake = new TempLake();
        var config = Path.Combine(lake.Root, "pipeline.json");
        File.WriteAllText(config, json);

        var refused = Assert.Throws<SettingsException>(() => NbaLake.Settings.Load(config, [], lake.Lake, lake.Landing));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Every_setting_has_a_setter_that_the_binder_generated_at_build_time_sets()
    {
        // The generator sets settable properties only: an init-only one is skipped without a word, and the job runs with its default.
        var types = new List<Type>();
        void Add(Type type)
        {
            types.Add(type);
            foreach (var nested in type.GetProperties().Select(p => p.PropertyType).Where(t => t.IsClass && t != typeof(string) && !t.IsGenericType).Distinct())
            {
                Add(nested);
            }
        }
        foreach (var parameter in typeof(PipelineOptions).GetConstructors().Single().GetParameters().Where(p => !p.ParameterType.IsGenericType))
        {
            Add(parameter.ParameterType);
        }

        var initOnly = types.SelectMany(t => t.GetProperties()
            .Where(p => p.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)) == true)
            .Select(p => $"{t.Name}.{p.Name}"));

        Assert.Contains(typeof(NbaLake.Ingest.SourceOptions), types);
        Assert.Empty(initOnly);
    }

    [Fact]
    public void The_repos_pipeline_json_lists_every_setting_with_the_default_its_options_type_declares()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "pipeline.json")));
        var defaults = new Dictionary<string, object>
        {
            ["Lake"] = new LakeOptions(), ["Sources"] = new NbaLake.Ingest.SourcesOptions(), ["Publish"] = new NbaLake.Publish.PublishOptions(),
        };

        var declared = defaults.SelectMany(d => Settings(d.Value, d.Key)).Order(StringComparer.Ordinal).ToList();
        var listed = defaults.Keys.SelectMany(k => Listed(settings.RootElement.GetProperty(k), k)).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("Publish:StretchGames=90", declared);
        Assert.Contains("Sources:GameDetails:Glob=games_details*.csv", declared);
        Assert.Equal(declared, listed);

        // Every settable property, as "Section:Key=value" (lists joined by |, named choices in lower case as pipeline.json writes them).
        static IEnumerable<string> Settings(object options, string path) =>
            options.GetType().GetProperties().Where(p => p.CanWrite).SelectMany(p => p.GetValue(options) switch
            {
                string or int or Enum => [$"{path}:{p.Name}={Text(p.GetValue(options))}"],
                System.Collections.IEnumerable items => [$"{path}:{p.Name}={string.Join('|', items.Cast<object>().Select(Text))}"],
                { } nested => Settings(nested, $"{path}:{p.Name}"),
                _ => [],
            });
        static string Text(object? value) => value is Enum e ? e.ToString().ToLowerInvariant() : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        static IEnumerable<string> Listed(System.Text.Json.JsonElement section, string path) => section.EnumerateObject().SelectMany(p => p.Value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => Listed(p.Value, $"{path}:{p.Name}"),
            System.Text.Json.JsonValueKind.Array => [$"{path}:{p.Name}={string.Join('|', p.Value.EnumerateArray().Select(v => v.ToString()))}"],
            _ => [$"{path}:{p.Name}={p.Value}"],
        });
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(TempLake lake, params (string Name, string Value)[] environment)
    {
        using var child = new ChildRun(lake, "validate", environment.ToDictionary(e => e.Name, e => e.Value));
        return await child.WaitAsync();
    }
}
