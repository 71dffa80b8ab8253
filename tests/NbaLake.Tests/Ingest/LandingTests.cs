using System.Net.Sockets;
using NbaLake.Tests.Support;

namespace NbaLake.Tests.Ingest;

/// <summary>What lies in the landing folder besides CSV files: entries that are not regular files, and files of no source.</summary>
public class LandingTests
{
    [Fact(Timeout = Timeouts.Job)]
    public async Task A_named_pipe_or_a_socket_is_refused_by_name_without_being_opened_and_the_rest_is_ingested()
    {
        using var lake = new TempLake();
        File.Copy(Path.Combine(Repo.Fixture("small"), "games.csv"), Path.Combine(lake.Landing, "games.csv"));
        // Opening a pipe nobody writes to blocks for ever: the run would hang holding the lake's lock.
        Assert.True(Mono.Unix.Native.Syscall.mkfifo(Path.Combine(lake.Landing, "games_details.csv"), Mono.Unix.Native.FilePermissions.DEFFILEMODE) == 0, "mkfifo failed");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(lake.Landing, "games_2.csv")));

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains("Refused games_details.csv: refused, it is a named pipe, not a regular file, and was not opened: land the CSV file itself", output, StringComparison.Ordinal);
        Assert.Contains("Refused games_2.csv: refused, it is a socket, not a regular file, and was not opened: land the CSV file itself", output, StringComparison.Ordinal);
        Assert.Equal(["games.csv"], lake.Query("bronze", "games", "SELECT DISTINCT _source_file FROM {t}"));
        Assert.False(Directory.Exists(lake.Table("bronze", "game_details")), "nothing of the pipe may reach bronze");

        var (validate, preview) = await lake.RunAsync("validate", "--landing", lake.Landing);
        Assert.Equal(ExitCodes.InputRefused, validate);
        Assert.Contains("  REFUSED   games_details.csv: refused, it is a named pipe", preview, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_landed_file_of_no_source_is_named_in_the_runs_log_as_a_warning_every_run()
    {
        using var lake = new TempLake();
        lake.LandFolder(Repo.Fixture("small"));
        lake.Land("notes.txt", "not data\n");
        lake.Land("games-2019.tsv", "GAME_ID\t...\n");

        var (code, output) = await lake.RunAsync("run");
        var (again, second) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(ExitCodes.Success, again);
        const string Warning = "WRN] ingest    Landing: notes.txt: ignored, it matches no source glob (Sources:Games:Glob games*.csv, Sources:GameDetails:Glob games_details*.csv, Sources:Teams:Glob teams*.csv); rename it, or change the source's Glob in pipeline.json, if it is data";
        Assert.Contains(Warning, output, StringComparison.Ordinal);
        Assert.Contains(Warning, second, StringComparison.Ordinal);
        Assert.Contains("Landing: games-2019.tsv: ignored, it matches no source glob", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeouts.Job)]
    public async Task A_hard_link_to_a_file_elsewhere_is_refused_without_a_byte_of_it_in_the_log()
    {
        using var lake = new TempLake();
        var secret = Path.Combine(lake.Root, "secret.txt");
        File.WriteAllText(secret, "root:SECRET-HASH:19000:0:99999:7:::\n");
        Assert.True(Mono.Unix.Native.Syscall.link(secret, Path.Combine(lake.Landing, "games.csv")) == 0, "link failed");

        var (code, output) = await lake.RunAsync("run");

        Assert.Equal(ExitCodes.InputRefused, code);
        Assert.Contains("Refused games.csv: refused, it is a hard link (2 names for the same file) and was not opened: land a copy of the file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", string.Join('\n', Directory.EnumerateFiles(lake.Lake, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }
}
