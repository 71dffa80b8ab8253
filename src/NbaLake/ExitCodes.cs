using NbaLake.Storage;

namespace NbaLake;

/// <summary>The job's exit codes (README, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Done. Quarantined rows are reported, not failures.</summary>
    public const int Success = 0;

    /// <summary>Any other failure: the failing stage left the last good version of its tables.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or settings: nothing was run.</summary>
    public const int BadUsage = 2;

    /// <summary>The run finished, but at least one landed file was refused whole (it stays in landing).</summary>
    public const int InputRefused = 3;

    /// <summary>Another run holds the lake: this one wrote nothing and can simply be tried again later.</summary>
    public const int LakeBusy = 4;

    /// <summary>A data quality rule whose policy is fail was broken: silver and gold keep their last version.</summary>
    public const int QualityFailed = 5;

    /// <summary>
    /// The lake's files are not what its commit logs say (a file missing, cut or changed): nothing was written. No retry
    /// fixes it: restore an intact version, or rebuild the layer from the one below (the message says which).
    /// </summary>
    public const int LakeDamaged = 6;

    /// <summary>The code a command ends with on an infrastructure failure: 6 when the lake is damaged, else 1.</summary>
    public static int Of(Exception e) => e.GetBaseException() is LakeDamagedException ? LakeDamaged : Failure;

    /// <summary>The run's status in <c>_ops/pipeline_runs</c>: succeeded, input_refused or failed.</summary>
    public static string Status(int code) => code switch { Success => "succeeded", InputRefused => "input_refused", _ => "failed" };

    /// <summary>A few words for a code, for the run summary.</summary>
    public static string Describe(int code) => code switch
    {
        Success => "success",
        Failure => "failed",
        BadUsage => "bad usage or settings",
        InputRefused => "some landed files refused",
        LakeBusy => "lake busy",
        QualityFailed => "quality rule failed",
        LakeDamaged => "lake damaged",
        _ => "unknown",
    };
}
