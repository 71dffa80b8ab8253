using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NbaLake.Ingest;
using NbaLake.Publish;
using NbaLake.Storage;
using NbaLake.Transform;
using NbaLake.Transform.Quality;

namespace NbaLake;

/// <summary>A setting that is missing, unknown or out of range: the job stops at start-up with exit code 2.</summary>
public sealed class SettingsException(string message) : Exception(message);

/// <summary>Loads and validates the job's settings.</summary>
public static class Settings
{
    private static readonly string[] Sections = ["Lake", "Sources", "Publish", "Quality"];

    /// <summary>
    /// Reads settings from <paramref name="configFile"/> (default <c>pipeline.json</c> in the working folder, optional),
    /// then <c>NBALAKE_</c> environment variables (<c>__</c> between sections), then <paramref name="overrides"/>
    /// (<c>--Section:Key=value</c>), then the <c>--lake</c>/<c>--landing</c> options.
    /// </summary>
    public static (PipelineOptions Options, LakeLayout Layout) Load(string? configFile, IReadOnlyList<string> overrides, string? lake, string? landing)
    {
        var explicitFile = configFile is not null;
        var path = Path.GetFullPath(configFile ?? "pipeline.json");
        if (explicitFile && !File.Exists(path))
        {
            throw new SettingsException($"--config: the settings file '{path}' does not exist: give the path of a pipeline.json, or leave --config out to use the one in the working folder (or the defaults).");
        }
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
        {
            throw new SettingsException($"{path} is a link to {info.LinkTarget}, which does not exist: point it at a pipeline.json, or remove it to use the defaults.");
        }
        if (!OperatingSystem.IsWindows() && File.Exists(path) && !new Mono.Unix.UnixFileInfo(path).IsRegularFile)
        {
            // A named pipe would block the read for ever.
            throw new SettingsException($"{path} is not a regular file (a pipe or a device?): make the settings a plain JSON file.");
        }
        if (File.Exists(path) && DuplicateKey(path) is { } duplicate)
        {
            throw new SettingsException(duplicate);
        }
        var extra = new Dictionary<string, string?>();
        if (lake is not null)
        {
            extra["Lake:Root"] = Path.GetFullPath(lake);
        }
        if (landing is not null)
        {
            extra["Lake:Landing"] = Path.GetFullPath(landing);
        }
        var bad = overrides.FirstOrDefault(o => !o.StartsWith("--", StringComparison.Ordinal) || !o.Contains('=', StringComparison.Ordinal));
        if (bad is not null)
        {
            throw new SettingsException($"'{bad}' is not a command option or a setting override; overrides look like --Publish:StretchGames=82.");
        }
        IConfiguration config;
        try
        {
            config = new ConfigurationBuilder()
                .AddJsonFile(path, optional: true, reloadOnChange: false)
                .AddInMemoryCollection(EnvironmentSettings())
                .AddCommandLine([.. overrides])
                .AddInMemoryCollection(extra)
                .Build();
        }
        catch (InvalidDataException e)
        {
            // The provider wraps the parser's error twice; the parser's names the line, the position and the reason.
            var inner = e.InnerException;
            while (inner is not null and not JsonException)
            {
                inner = inner.InnerException;
            }
            var where = inner is JsonException { LineNumber: { } line } json
                ? $"line {line + 1}, position {json.BytePositionInLine + 1}: {json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]}"
                : (e.InnerException ?? e).Message;
            throw new SettingsException($"{path}: not valid JSON settings at {where} Fix the file there (pipeline.json in the repo shows every setting with its default).");
        }
        var options = Bind(config);
        Validate(options);
        var baseDir = Path.GetDirectoryName(path)!;
        var root = Path.GetFullPath(options.Lake.Root, baseDir);
        var landingDir = options.Lake.Landing.Length == 0 ? Path.Combine(root, "landing") : Path.GetFullPath(options.Lake.Landing, baseDir);
        return (options, new LakeLayout(root, landingDir, options.Lake.MetadataRoot));
    }

    /// <summary>
    /// The environment's settings: <c>NBALAKE_&lt;Section&gt;__&lt;Key&gt;</c> for the known sections only, so that other
    /// variables of the prefix (<c>NBALAKE_CHROMIUM</c> for the tests, say) are not taken for unknown settings.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentSettings()
    {
        const string prefix = "NBALAKE_";
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && name[prefix.Length..].Split("__", 2) is [var section, _] && Sections.Contains(section, StringComparer.OrdinalIgnoreCase))
            {
                yield return new(name[prefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)variable.Value);
            }
        }
    }

    /// <summary>
    /// A key given twice in the settings file (keys are case-insensitive), with both lines: the configuration reader
    /// would refuse it without saying where, or let the later one win.
    /// </summary>
    private static string? DuplicateKey(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var objects = new Stack<(string Path, Dictionary<string, long> Keys)>();
        var names = new Stack<string>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push((pending ?? "", new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)));
                        pending = null;
                        break;
                    case JsonTokenType.EndObject:
                        objects.Pop();
                        break;
                    case JsonTokenType.StartArray:
                        pending = null;
                        break;
                    case JsonTokenType.PropertyName:
                        var (parent, keys) = objects.Peek();
                        var name = reader.GetString()!;
                        var line = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                        var key = parent.Length == 0 ? name : $"{parent}:{name}";
                        if (keys.TryGetValue(name, out var first))
                        {
                            return $"{path}: the key {key} is given twice, on lines {first} and {line}: keep one of them (only one can hold the setting).";
                        }
                        keys[name] = line;
                        pending = key;
                        break;
                    default:
                        pending = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null; // not valid JSON: the configuration reader says where
        }
        return null;
    }

    private static PipelineOptions Bind(IConfiguration config)
    {
        var unknown = config.GetChildren().Select(c => c.Key).FirstOrDefault(k => !Sections.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new SettingsException($"Unknown setting section '{unknown}': the sections are {string.Join(", ", Sections)}.");
        }
        if (Sections.Select(config.GetSection).FirstOrDefault(s => s.Value is { Length: > 0 }) is { } scalar)
        {
            throw new SettingsException($"{scalar.Path} is a section of settings, not a value: set its keys (got \"{scalar.Value}\").");
        }
        CheckKeys(config.GetSection("Lake"), typeof(LakeOptions));
        CheckKeys(config.GetSection("Sources"), typeof(SourcesOptions));
        CheckKeys(config.GetSection("Publish"), typeof(PublishOptions));
        try
        {
            return new PipelineOptions(
                config.GetSection("Lake").Get<LakeOptions>(Strict) ?? new LakeOptions(),
                config.GetSection("Sources").Get<SourcesOptions>(Strict) ?? new SourcesOptions(),
                config.GetSection("Publish").Get<PublishOptions>(Strict) ?? new PublishOptions(),
                QualityPolicies(config.GetSection("Quality")));
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key ("…at 'Publish:StretchGames' to type 'System.Int32'", "…property 'Foo' …").
            throw new SettingsException($"Bad setting: {e.Message}");
        }

        static void Strict(BinderOptions o) => o.ErrorOnUnknownConfiguration = true;
    }

    /// <summary>The quality rules the table definitions declare (each is a <c>Quality:&lt;rule&gt;</c> setting), with whether quarantine is allowed.</summary>
    public static IReadOnlyDictionary<string, bool> QualityRuleNames { get; } = LakeTables.Rules.ToDictionary(r => r.Rule.Name, r => r.Rule.CanQuarantine);

    private static Dictionary<string, QualityPolicy> QualityPolicies(IConfigurationSection section)
    {
        var policies = new Dictionary<string, QualityPolicy>();
        foreach (var child in section.GetChildren())
        {
            if (!QualityRuleNames.TryGetValue(child.Key, out var canQuarantine))
            {
                throw new SettingsException($"Unknown setting '{child.Path}': the quality rules are {string.Join(", ", QualityRuleNames.Keys)}.");
            }
            var allowed = canQuarantine ? "warn, quarantine or fail" : "warn or fail (a rule about a whole game cannot quarantine one row)";
            if (!Enum.TryParse<QualityPolicy>(child.Value, ignoreCase: true, out var policy) || int.TryParse(child.Value, out _)
                || (policy == QualityPolicy.Quarantine && !canQuarantine))
            {
                throw new SettingsException($"{child.Path} must be {allowed} (got \"{child.Value}\").");
            }
            policies[child.Key] = policy;
        }
        return policies;
    }

    /// <summary>Every key below <paramref name="section"/> must name a property of <paramref name="type"/> (case-insensitive).</summary>
    private static void CheckKeys(IConfigurationSection section, Type type)
    {
        // The settable properties only: static lists (SourceOptions.Encodings) are not settings.
        var settable = Settable(type);
        foreach (var child in section.GetChildren())
        {
            var property = settable.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                throw new SettingsException(
                    $"Unknown setting '{child.Path}': the keys of {section.Path} are {string.Join(", ", settable.Select(p => p.Name))}.");
            }
            var kind = property.PropertyType;
            if (kind.IsClass && kind != typeof(string) && !kind.IsGenericType)
            {
                // A section of settings (Sources:Games): its keys, never a value of its own.
                if (child.Value is { Length: > 0 } text)
                {
                    throw new SettingsException($"{child.Path} is a section of settings, not a value: set its keys ({child.Path}:{Settable(kind)[0].Name}=…) (got \"{text}\").");
                }
                CheckKeys(child, kind);
                continue;
            }
            // The binder generated at build time keeps the default for a shape it does not expect: each is refused here.
            var below = child.GetChildren().ToList();
            if (kind.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(kind))
            {
                // .NET 10's JSON provider gives an empty list ([]) the value "": that is the empty list, not a single value.
                if (child.Value is { Length: > 0 } single)
                {
                    throw new SettingsException(
                        $"{child.Path} must be a list: in pipeline.json [\"{single}\"], on the command line --{child.Path}:0={single} (then :1, :2 … for more) (got the single value \"{single}\").");
                }
                if (below.FirstOrDefault(item => item.GetChildren().Any()) is { } nested)
                {
                    throw new SettingsException($"{child.Path} must be a list of values (got a list or section at {nested.Path}).");
                }
                continue;
            }
            if (below.Count > 0)
            {
                throw new SettingsException($"{child.Path} must be a single value (got a list or section: {string.Join(", ", below.Select(b => b.Path))}).");
            }
            if (child.Value is null)
            {
                throw new SettingsException($"{child.Path} has no value (null): remove the key to keep its default.");
            }
            if (kind.IsEnum && (!Enum.TryParse(kind, child.Value, ignoreCase: true, out _) || child.Value.Trim().All(c => char.IsDigit(c) || c == '-')))
            {
                // The binder takes any number for an enum, and names a .NET type for a word it does not know.
                var names = Enum.GetNames(kind).Select(n => n.ToLowerInvariant()).ToArray();
                throw new SettingsException($"{child.Path} must be {string.Join(", ", names[..^1])} or {names[^1]} (got \"{child.Value}\").");
            }
            if (kind == typeof(int) && !int.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                // The binder would name System.Int32; the allowed values are what a person needs.
                throw new SettingsException($"{child.Path} must be {WholeNumber(property)} (got \"{child.Value}\").");
            }
        }

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Aot.OwnTypes)]
        static List<System.Reflection.PropertyInfo> Settable(Type type) =>
            [.. type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.CanWrite)];
    }

    /// <summary>
    /// Checks every rule the options types declare: a whole number within its <see cref="RangeAttribute"/>, and what
    /// an options type states itself (<see cref="IOptionsRules"/>). Nothing here knows a setting: a new one brings its
    /// rule with it.
    /// </summary>
    private static void Validate(PipelineOptions options)
    {
        var errors = new List<string>();
        Check(options.Lake, "Lake", errors);
        Check(options.Sources, "Sources", errors);
        Check(options.Publish, "Publish", errors);
        if (errors.Count > 0)
        {
            throw new SettingsException(string.Join(Environment.NewLine, errors));
        }
    }

    /// <summary>The rules of an options object and of the options objects it holds: ranges first, then its own.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Aot.OwnTypes)]
    private static void Check(object options, string path, List<string> errors)
    {
        foreach (var property in options.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            var key = $"{path}:{property.Name}";
            if (property.PropertyType == typeof(int) && property.GetCustomAttributes(typeof(RangeAttribute), true).FirstOrDefault() is RangeAttribute range
                && property.GetValue(options) is int value && !range.IsValid(value))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be {WholeNumber(property)} (got {value})."));
            }
            else if (property.PropertyType.IsClass && property.PropertyType.Namespace?.StartsWith("NbaLake", StringComparison.Ordinal) == true
                && property.GetIndexParameters().Length == 0 && property.GetValue(options) is { } nested)
            {
                Check(nested, key, errors);
            }
        }
        if (options is IOptionsRules rules)
        {
            errors.AddRange(rules.Problems(path));
        }
    }

    /// <summary>What a whole-number setting may be, from its <see cref="RangeAttribute"/>: "a whole number of at least 1".</summary>
    private static string WholeNumber(System.Reflection.PropertyInfo property) =>
        property.GetCustomAttributes(typeof(RangeAttribute), true).FirstOrDefault() is RangeAttribute { Minimum: int min, Maximum: int max }
            ? max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}"
            : "a whole number";
}
