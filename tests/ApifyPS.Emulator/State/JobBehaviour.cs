using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// How an Actor's new builds and runs behave on the local server: READY for <see cref="StartDelayMs"/>, RUNNING for
/// the build or run duration, then the configured outcome. Set per Actor through the seed body; the defaults (a build
/// of about 2 s, a run of about 5 s, both SUCCEEDED) let a person who starts a job see it RUNNING and stop it.
/// </summary>
public sealed class JobBehaviour
{
    /// <summary>The outcomes a job can be configured to reach on its own.</summary>
    public static readonly string[] Outcomes = { JobStatuses.Succeeded, JobStatuses.Failed, JobStatuses.TimedOut };

    public int StartDelayMs { get; set; } = 100;
    public int BuildDurationMs { get; set; } = 2000;
    public int RunDurationMs { get; set; } = 5000;
    public string BuildOutcome { get; set; } = JobStatuses.Succeeded;
    public string RunOutcome { get; set; } = JobStatuses.Succeeded;

    /// <summary>How long a job stays ABORTING (or TIMING-OUT) before ABORTED (or TIMED-OUT).</summary>
    public int AbortDurationMs { get; set; } = 200;

    /// <summary>How long a gracefully aborted run stays ABORTING (the platform gives the Actor up to 30 s).</summary>
    public int GracefulAbortDurationMs { get; set; } = 1000;

    /// <summary>
    /// The OUTPUT record a succeeded run stores. Null: a JSON object naming the run and echoing its JSON input.
    /// With a non-JSON <see cref="OutputContentType"/> this is a string: the text itself for text types, base64 of
    /// the bytes otherwise.
    /// </summary>
    public JsonElement? Output { get; set; }

    public string OutputContentType { get; set; } = "application/json; charset=utf-8";

    /// <summary>True: succeeded runs store no OUTPUT record at all.</summary>
    public bool NoOutput { get; set; }

    /// <summary>
    /// The items every run writes to its default dataset, exactly (a JSON array), when set; otherwise the run writes
    /// <see cref="DatasetItemCount"/> items made up on the fly (<see cref="GeneratedItems"/>), never held in memory.
    /// </summary>
    public JsonElement? DatasetItems { get; set; }

    /// <summary>How many generated items a run writes (default a handful; up to <see cref="MaxDatasetItemCount"/>).</summary>
    public long DatasetItemCount { get; set; } = 5;

    public const long MaxDatasetItemCount = 10_000_000;

    /// <summary>How often a RUNNING job writes a progress line to its log; 0: only the start and end lines.</summary>
    public int LogIntervalMs { get; set; } = 1000;

    /// <summary>Further records a finished run stores in its key-value store (page-00001, ...; JSON).</summary>
    public int RecordCount { get; set; }

    public const int MaxRecordCount = 100_000;
}
