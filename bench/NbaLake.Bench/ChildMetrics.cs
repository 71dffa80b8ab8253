using System.Diagnostics;
using System.Globalization;

namespace NbaLake.Bench;

/// <summary>Wall time, CPU time and peak RSS of a whole child process, read from /proc while it runs.</summary>
public sealed record ChildMetrics(double WallSeconds, double CpuSeconds, long PeakRssBytes, int ExitCode)
{
    public static ChildMetrics Run(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        double cpu = 0;
        while (!process.WaitForExit(10))
        {
            (peak, cpu) = Sample(process.Id, peak, cpu);
        }
        var wall = clock.Elapsed.TotalSeconds;
        process.WaitForExit();
        return new ChildMetrics(wall, cpu, peak, process.ExitCode);
    }

    /// <summary>VmHWM (the peak RSS so far) and utime + stime of a live process; the last values when it is gone.</summary>
    private static (long Peak, double Cpu) Sample(int pid, long peak, double cpu)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Math.Max(peak, long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
                }
            }
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            // The process ended between two samples.
        }
        return (peak, cpu);
    }
}
