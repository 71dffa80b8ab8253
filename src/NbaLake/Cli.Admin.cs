using System.CommandLine;
using System.Globalization;
using NbaLake.Activate.Catalog;
using NbaLake.Storage.Ops;
using NbaLake.Storage;
using Serilog.Core;

namespace NbaLake;

/// <summary>The commands that look after the lake rather than run the job: status, history, restore, verify.</summary>
public sealed partial class Cli
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private Command CatalogCommand()
    {
        var table = new Option<string?>("--table") { Description = "One table's section only (layer.name, or the name when it is unique)." };
        var json = new Option<bool>("--json") { Description = "Print the catalog as JSON (catalog.json's layout)." };
        var command = new Command("catalog", "Print the lake's catalog: tables, columns, lineage, versions and freshness, read from the commit logs.");
        command.Options.Add(ConfigOption);
        command.Options.Add(LakeOption);
        command.Options.Add(table);
        command.Options.Add(json);
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out _, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "catalog");
            var catalog = await LakeTables.CatalogAsync(store, ct);
            CatalogTable? only = null;
            if (parsed.GetValue(table) is { } name && (only = catalog.Find(name)) is null)
            {
                await stderr.WriteLineAsync($"nbalake catalog: no table '{name}'. Tables: {string.Join(", ", catalog.Tables.Select(t => t.Name))}.");
                return ExitCodes.BadUsage;
            }
            await stdout.WriteAsync(parsed.GetValue(json)
                ? System.Text.Json.JsonSerializer.Serialize<object>(only ?? (object)catalog, CatalogWriter.Json) + Environment.NewLine
                : CatalogMarkdown.Render(catalog, only));
            return ExitCodes.Success;
        });
        return command;
    }

    private Command StatusCommand()
    {
        var command = new Command("status", "Show every table (layer, version, rows, last commit) and the last runs.");
        command.Options.Add(ConfigOption);
        command.Options.Add(LakeOption);
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out _, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "status");
            await stdout.WriteLineAsync($"Lake {layout.Root}");
            await stdout.WriteLineAsync(Row("table", "version", "rows", "files", "last commit (UTC)", "operation"));
            foreach (var table in store.Tables())
            {
                var c = store.Current(table)!;
                await stdout.WriteLineAsync(Row(table.ToString(), "v" + c.Version.ToString(Inv), c.Rows.ToString("N0", Inv), c.FileCount.ToString(Inv),
                    c.CommittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv), c.Operation));
            }
            // The rows above are the log's; the cheap check says whether the files still hold them.
            var damaged = store.DamagedTables();
            if (damaged.Count > 0)
            {
                await WriteDamageAsync(damaged, layout);
                return ExitCodes.LakeDamaged;
            }
            var runs = await ParquetRows.ReadFolderAsync<PipelineRunRow>(layout.TableFolder(PipelineRuns.Table), ct);
            await stdout.WriteLineAsync();
            await stdout.WriteLineAsync("Last runs");
            await stdout.WriteLineAsync(Row("run id", "started (UTC)", "status", "exit", "files in/skip/refused", "duration"));
            foreach (var run in runs.Where(r => r.Stage == "run").OrderByDescending(r => r.StartedAt).Take(5))
            {
                await stdout.WriteLineAsync(Row(run.RunId, run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", Inv), run.Status,
                    run.ExitCode?.ToString(Inv) ?? "-", $"{run.FilesIngested}/{run.FilesSkipped}/{run.FilesRefused}",
                    run.DurationMs is { } ms ? $"{ms / 1000.0:0.0} s" : "-"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private Command HistoryCommand()
    {
        var command = TableCommand("history", "List the versions of a table, newest first.");
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadTable(parsed, out var options, out var layout, out var table))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "history", options.Lake.KeepVersions);
            await stdout.WriteLineAsync($"History of {table} (files of the last {options.Lake.KeepVersions} versions are kept: those whose files are intact can be restored)");
            await stdout.WriteLineAsync(Row("version", "committed (UTC)", "operation", "rows", "files (new)", "run id", "restorable"));
            var damaged = new List<string>();
            foreach (var c in store.History(table).Reverse())
            {
                // Restorable means kept and intact: every byte of the version's files hashed against the log.
                var damage = store.IsKept(table, c.Version) ? store.Damage(table, c.Version) : null;
                if (damage?.Count > 0)
                {
                    damaged.Add($"v{c.Version} is damaged and cannot be restored: {string.Join("; ", damage)}");
                }
                await stdout.WriteLineAsync(Row("v" + c.Version.ToString(Inv), c.CommittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv), c.Operation,
                    c.Rows.ToString("N0", Inv), $"{c.FileCount} ({c.Added.Count(f => f.AddedIn == c.Version)})", c.RunId,
                    damage is null ? "no" : damage.Count > 0 ? "DAMAGED" : "yes"));
            }
            foreach (var line in damaged)
            {
                await stdout.WriteLineAsync(line);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private Command RestoreCommand()
    {
        var versionOption = new Option<int>("--version") { Description = "The version to make current again (see 'nbalake history').", Required = true };
        var command = TableCommand("restore", "Make an old version of a table current again, as a new commit. The next run rebuilds the tables after it as usual.");
        command.Options.Add(versionOption);
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadTable(parsed, out var options, out var layout, out var table))
            {
                return ExitCodes.BadUsage;
            }
            var runId = RunId.New(DateTime.UtcNow);
            using var lakeLock = LakeLock.TryAcquire(layout, runId, out var holder);
            if (lakeLock is null)
            {
                await stderr.WriteLineAsync($"nbalake: the lake is busy: {holder} holds it; try again when it has finished.");
                return ExitCodes.LakeBusy;
            }
            var store = OpenStore(layout, runId, options.Lake.KeepVersions);
            store.Recover();
            var version = parsed.GetValue(versionOption);
            if (!store.History(table).Any(c => c.Version == version) || !store.IsKept(table, version))
            {
                await stderr.WriteLineAsync($"nbalake: {table} has no restorable version {version}; 'nbalake history {table}' lists them.");
                return ExitCodes.BadUsage;
            }
            if (store.Damage(table, version) is { Count: > 0 } damage)
            {
                await stderr.WriteLineAsync($"nbalake: {table} v{version} cannot be restored, its files are not what the log says: {string.Join("; ", damage)}. " +
                    $"Restore a version 'nbalake history {table}' shows as restorable" +
                    (Failures.RebuildableLayers.Contains(table.Layer) ? $", or rebuild the layer: 'nbalake rebuild {table.Layer}'." : "."));
                return ExitCodes.LakeDamaged;
            }
            var entry = store.RestoreVersion(table, version);
            await stdout.WriteLineAsync($"Restored {table} v{version} as v{entry.Version} ({entry.Rows:N0} rows).");
            return ExitCodes.Success;
        });
        return command;
    }

    private Command VerifyCommand()
    {
        var command = new Command("verify",
            "Check every file of every kept version of every table against its size and SHA-256 in the commit log (every byte is read; a file shared by versions once). Exit 0 when intact, 6 when damaged, with what to do.");
        command.Options.Add(ConfigOption);
        command.Options.Add(LakeOption);
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out var options, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "verify", options.Lake.KeepVersions);
            if (store.Tables().Count == 0)
            {
                await stderr.WriteLineAsync($"nbalake verify: no table in '{layout.Root}' (no commit log under {layout.Meta}): is --lake or Lake:Root right?");
                return ExitCodes.BadUsage;
            }
            using var lakeLock = TryLockUnlessReadOnly(layout, out var holder);
            if (holder is not null)
            {
                await stderr.WriteLineAsync($"nbalake: the lake is busy: {holder} holds it; verify when it has finished.");
                return ExitCodes.LakeBusy;
            }
            var damaged = new List<TableDamage>();
            var (versions, files) = (0, 0);
            foreach (var table in store.Tables())
            {
                var current = store.Current(table)!.Version;
                var kept = store.History(table).Select(c => c.Version).Where(v => store.IsKept(table, v) || v == current).Reverse().ToList();
                ct.ThrowIfCancellationRequested();
                var bad = kept.Select(v => new TableDamage(table, v, v == current, [.. v == current ? store.LinkProblems(table, v) : [], .. store.Damage(table, v)]))
                    .Where(d => d.Problems.Count > 0).ToList();
                damaged.AddRange(bad);
                versions += kept.Count;
                files += kept.Sum(v => store.StateAt(table, v)!.Files.Count);
                await stdout.WriteLineAsync($"{(bad.Count == 0 ? "intact" : "DAMAGED"),-8} {table,-28} v{kept[^1]}-v{kept[0]} ({kept.Count} kept, current v{current})");
                foreach (var d in bad)
                {
                    await stdout.WriteLineAsync($"  v{d.Version}{(d.Current ? " (current)" : "")}: {string.Join("; ", d.Problems)}");
                }
            }
            if (damaged.Count == 0)
            {
                await stdout.WriteLineAsync($"Every file of {versions} kept versions ({files} files) has its logged size and SHA-256.");
                return ExitCodes.Success;
            }
            await WriteDamageAsync(damaged, layout);
            return ExitCodes.LakeDamaged;
        });
        return command;
    }

    /// <summary>The lake lock, or on a read-only lake (which no run can write) none; <paramref name="holder"/> is set when another run holds it.</summary>
    private static LakeLock? TryLockUnlessReadOnly(LakeLayout layout, out string? holder)
    {
        try
        {
            return LakeLock.TryAcquire(layout, RunId.New(DateTime.UtcNow), out holder);
        }
        catch (IOException e) when (e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase))
        {
            holder = null;
            return null;
        }
    }

    private Task WriteDamageAsync(IReadOnlyList<TableDamage> damaged, LakeLayout layout) => WriteDamageAsync(new LakeDamagedException(damaged), layout);

    private async Task WriteDamageAsync(LakeDamagedException damaged, LakeLayout layout)
    {
        await stderr.WriteLineAsync(damaged is LakeHistoryLostException lost
            ? $"nbalake: the lake is damaged. {lost.Message}"
            : $"nbalake: the lake is damaged, its files are not what the commit log says: {string.Join(". ", damaged.Damage)}.");
        await stderr.WriteLineAsync($"To fix: {Failures.Fix(damaged, layout)}");
    }

    /// <summary>A store on the lake for a command that reads it; a lake whose history is lost stops the command (exit 6, by the caller's handler).</summary>
    private static TableStore OpenStore(LakeLayout layout, string purpose, int keepVersions = 10)
    {
        var store = new TableStore(layout, purpose, Logger.None, keepVersions);
        store.ThrowIfHistoryLost();
        return store;
    }

    private readonly Argument<string> TableArgument = new("table") { Description = "The table, as layer.name (gold.answers) or a name that is unique (answers)." };

    /// <summary>A command about one table: the table argument, --config and --lake.</summary>
    private Command TableCommand(string name, string description)
    {
        var command = new Command(name, description);
        command.Arguments.Add(TableArgument);
        command.Options.Add(ConfigOption);
        command.Options.Add(LakeOption);
        return command;
    }

    /// <summary>Loads the settings and finds the table the command names; false (message written) when either fails.</summary>
    private bool TryLoadTable(ParseResult parsed, out PipelineOptions options, out LakeLayout layout, out TableId table)
    {
        table = null!;
        return TryLoadSettings(parsed, false, out options, out layout) && TryFindTable(layout, parsed.GetValue(TableArgument)!, out table);
    }

    private bool TryFindTable(LakeLayout layout, string name, out TableId table)
    {
        var tables = OpenStore(layout, "find").Tables();
        var matches = tables.Where(t => t.ToString() == name || t.Name == name).ToList();
        if (matches.Count == 1)
        {
            table = matches[0];
            return true;
        }
        stderr.WriteLine(matches.Count == 0
            ? $"nbalake: no table '{name}' in {layout.Root}; the tables are {string.Join(", ", tables)}."
            : $"nbalake: '{name}' names {string.Join(" and ", matches)}: say which, as layer.name.");
        table = null!;
        return false;
    }

    private static string Row(params string[] cells) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(i switch { 0 => 28, 1 => 20, _ => 12 })).ToArray()).TrimEnd();
}
