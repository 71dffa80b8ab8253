using System.CommandLine;
using System.Globalization;
using NbaLake.Activate;
using NbaLake.Activate.Catalog;
using NbaLake.Activate.Report;
using NbaLake.Storage;
using NbaLake.Storage.Ops;
using NbaLake.Terminal;
using Serilog.Core;

namespace NbaLake;

/// <summary>The commands that look after the lake rather than run the job: catalog, status, history, restore, verify.</summary>
public sealed partial class Cli
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Argument<string> TableArgument = new("table") { Description = "The table, as layer.name (gold.answers) or a name that is unique (answers)." };

    private Command CatalogCommand()
    {
        var table = new Option<string?>("--table") { Description = "One table's section only (layer.name, or the name when it is unique)." };
        var json = new Option<bool>("--json") { Description = "Print the catalog as JSON (catalog.json's layout)." };
        var command = new Command("catalog", "Print the lake's catalog: tables, columns, lineage, versions and freshness, read from the commit logs.")
        {
            ConfigOption, LakeOption, table, json,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out _, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var catalog = await LakeTables.CatalogAsync(OpenStore(layout, "catalog"), ct);
            CatalogTable? only = null;
            if (parsed.GetValue(table) is { } name && (only = catalog.Find(name)) is null)
            {
                await stderr.WriteLineAsync($"nbalake catalog: no table '{name}'. Tables: {string.Join(", ", catalog.Tables.Select(t => t.Name))}.");
                return ExitCodes.BadUsage;
            }
            await stdout.WriteAsync(parsed.GetValue(json)
                ? (only is null ? System.Text.Json.JsonSerializer.Serialize(catalog, CatalogJson.Default.LakeCatalog) : System.Text.Json.JsonSerializer.Serialize(only, CatalogJson.Default.CatalogTable)) + Environment.NewLine
                : CatalogMarkdown.Render(catalog, only));
            return ExitCodes.Success;
        });
        return command;
    }

    private Command StatusCommand()
    {
        var command = new Command("status", "Show every table (layer, version, rows, last commit) and the last runs.") { ConfigOption, LakeOption };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadSettings(parsed, false, out _, out var layout))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "status");
            var tables = new TextTable(["table", "version", "rows", "files", "last commit (UTC)", "operation"], 2, 3);
            foreach (var table in store.Tables())
            {
                var c = store.Current(table)!;
                tables.Add(table.ToString(), "v" + c.Version.ToString(Inv), c.Rows.ToString("N0", Inv), c.FileCount.ToString(Inv), Time(c.CommittedAt.UtcDateTime), c.Operation);
            }
            await WriteLinesAsync([$"Lake {layout.Root}", .. tables.Lines()]);
            // The rows above are the log's; the cheap check says whether the files still hold them.
            if (store.DamagedTables() is { Count: > 0 } damaged)
            {
                await WriteDamageAsync(new LakeDamagedException(damaged), layout);
                return ExitCodes.LakeDamaged;
            }
            var runs = new TextTable(["run id", "started (UTC)", "status", "exit", "files in/skip/refused", "duration"], 3, 4, 5);
            foreach (var run in (await ParquetRows.ReadFolderAsync<PipelineRunRow>(layout.TableFolder(PipelineRuns.Table), ct))
                .Where(r => r.Stage == "run").OrderByDescending(r => r.StartedAt).Take(5))
            {
                runs.Add(run.RunId, Time(run.StartedAt), run.Status, run.ExitCode?.ToString(Inv) ?? "-", $"{run.FilesIngested}/{run.FilesSkipped}/{run.FilesRefused}",
                    run.DurationMs is { } ms ? string.Create(Inv, $"{ms / 1000.0:0.0} s") : "-");
            }
            await WriteLinesAsync(["", "Last runs", .. runs.Lines()]);
            return ExitCodes.Success;
        });
        return command;
    }

    private Command HistoryCommand()
    {
        var command = new Command("history", "List the versions of a table, newest first.") { TableArgument, ConfigOption, LakeOption };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryLoadTable(parsed, out var options, out var layout, out var table))
            {
                return ExitCodes.BadUsage;
            }
            var store = OpenStore(layout, "history", options.Lake.KeepVersions);
            var versions = new TextTable(["version", "committed (UTC)", "operation", "rows", "files (new)", "run id", "restorable"], 3, 4);
            var damaged = new List<string>();
            foreach (var c in store.History(table).Reverse())
            {
                // Restorable means kept and intact: every byte of the version's files hashed against the log.
                var damage = store.IsKept(table, c.Version) ? store.Damage(table, c.Version) : null;
                if (damage?.Count > 0)
                {
                    damaged.Add($"v{c.Version} is damaged and cannot be restored: {string.Join("; ", damage)}");
                }
                versions.Add("v" + c.Version.ToString(Inv), Time(c.CommittedAt.UtcDateTime), c.Operation, c.Rows.ToString("N0", Inv),
                    $"{c.FileCount} ({c.Added.Count(f => f.AddedIn == c.Version)})", c.RunId, damage is null ? "no" : damage.Count > 0 ? "DAMAGED" : "yes");
            }
            await WriteLinesAsync([
                $"History of {table} (files of the last {options.Lake.KeepVersions} versions are kept: those whose files are intact can be restored)",
                .. versions.Lines(), .. damaged]);
            return ExitCodes.Success;
        });
        return command;
    }

    private Command RestoreCommand()
    {
        var versionOption = new Option<int>("--version") { Description = "The version to make current again (see 'nbalake history').", Required = true };
        var command = new Command("restore", "Make an old version of a table current again, as a new commit. The next run rebuilds the tables after it as usual.")
        {
            TableArgument, ConfigOption, LakeOption, versionOption,
        };
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
                await stderr.WriteLineAsync($"nbalake: {LakeFailures.CannotRestore(table, version, damage)}");
                return ExitCodes.LakeDamaged;
            }
            var entry = store.RestoreVersion(table, version);
            // The catalog and the report show the versions that are current: this one now.
            await LakeViews.WriteCatalogAsync(LakeTables.All, store, Logger.None, ct);
            if (File.Exists(Path.Combine(layout.Root, ReportPage.RelativePath)))
            {
                await LakeViews.WriteReportAsync(store, options.Publish, Logger.None, ct);
            }
            await stdout.WriteLineAsync(string.Create(Inv, $"Restored {table} v{version} as v{entry.Version} ({entry.Rows:N0} rows)."));
            return ExitCodes.Success;
        });
        return command;
    }

    private Command VerifyCommand()
    {
        var command = new Command("verify",
            "Check every file of every kept version of every table against its size and SHA-256 in the commit log (every byte is read; a file shared by versions once). Exit 0 when intact, 6 when damaged, with what to do.")
        {
            ConfigOption, LakeOption,
        };
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
            using var lakeLock = LakeLock.TryAcquireUnlessReadOnly(layout, RunId.New(DateTime.UtcNow), out var holder);
            if (holder is not null)
            {
                await stderr.WriteLineAsync($"nbalake: the lake is busy: {holder} holds it; verify when it has finished.");
                return ExitCodes.LakeBusy;
            }
            var (damaged, versions, files) = (new List<TableDamage>(), 0, 0);
            foreach (var t in LakeVerification.Of(store, ct))
            {
                await stdout.WriteLineAsync($"{(t.Damaged.Count == 0 ? "intact" : "DAMAGED"),-8} {t.Table,-28} v{t.Kept[^1]}-v{t.Kept[0]} ({t.Kept.Count} kept, current v{t.Current})");
                await WriteLinesAsync([.. t.Damaged.Select(d => $"  v{d.Version}{(d.Current ? " (current)" : "")}: {string.Join("; ", d.Problems)}")]);
                (versions, files) = (versions + t.Kept.Count, files + t.Files);
                damaged.AddRange(t.Damaged);
            }
            if (damaged.Count > 0)
            {
                await WriteDamageAsync(new LakeDamagedException(damaged), layout);
                return ExitCodes.LakeDamaged;
            }
            await stdout.WriteLineAsync($"Every file of {versions} kept versions ({files} files) has its logged size and SHA-256.");
            return ExitCodes.Success;
        });
        return command;
    }

    private async Task WriteDamageAsync(LakeDamagedException damaged, LakeLayout layout)
    {
        await stderr.WriteLineAsync(damaged is LakeHistoryLostException lost
            ? $"nbalake: the lake is damaged. {lost.Message}"
            : $"nbalake: the lake is damaged, its files are not what the commit log says: {string.Join(". ", damaged.Damage)}.");
        await stderr.WriteLineAsync($"To fix: {LakeFailures.Fix(damaged, layout)}");
    }

    private async Task WriteLinesAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await stdout.WriteLineAsync(line);
        }
    }

    /// <summary>A store on the lake for a command that reads it; a lake whose history is lost stops the command (exit 6, by the caller's handler).</summary>
    private static TableStore OpenStore(LakeLayout layout, string purpose, int keepVersions = 10)
    {
        var store = new TableStore(layout, purpose, Logger.None, keepVersions);
        store.ThrowIfHistoryLost();
        return store;
    }

    /// <summary>Loads the settings and finds the one table the command names; false (message written) when either fails.</summary>
    private bool TryLoadTable(ParseResult parsed, out PipelineOptions options, out LakeLayout layout, out TableId table)
    {
        table = null!;
        if (!TryLoadSettings(parsed, false, out options, out layout))
        {
            return false;
        }
        var (name, tables) = (parsed.GetValue(TableArgument)!, OpenStore(layout, "find").Tables());
        var matches = tables.Where(t => t.ToString() == name || t.Name == name).ToList();
        if (matches.Count != 1)
        {
            stderr.WriteLine(matches.Count == 0
                ? $"nbalake: no table '{name}' in {layout.Root}; the tables are {string.Join(", ", tables)}."
                : $"nbalake: '{name}' names {string.Join(" and ", matches)}: say which, as layer.name.");
            return false;
        }
        table = matches[0];
        return true;
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", Inv);
}
