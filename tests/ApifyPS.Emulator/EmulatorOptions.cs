using System.Globalization;

namespace ApifyPS.Emulator;

/// <summary>Command-line options. Unknown options are an error, so a typo in a test does not go unnoticed.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The API's maximum for <c>waitForFinish</c> (MAX_ACTOR_JOB_ASYNC_WAIT_SECS).</summary>
    public const double ApiMaxWaitForFinishSecs = 60;

    /// <summary>The API's limit of the synchronous run endpoints (MAX_ACTOR_JOB_SYNC_WAIT_SECS).</summary>
    public const double ApiRunSyncTimeoutSecs = 300;

    public int Port { get; private set; }
    public string Token { get; private set; } = "emulator-token";
    public string Username { get; private set; } = "emulator-user";

    /// <summary>Compress answers (br or gzip) when the client asks, as the real API does; off by default (costs CPU).</summary>
    public bool Compress { get; private set; }
    /// <summary>Further users (<c>--extra-user name:token</c>, repeatable): other accounts a token can belong to.</summary>
    public List<(string Username, string Token)> ExtraUsers { get; } = new();

    /// <summary>Exit when this process ends, so a crashed test run leaves no server behind.</summary>
    public int? ExitWithPid { get; private set; }

    /// <summary>
    /// The longest a <c>waitForFinish</c> long poll is held (60 s like the API; lower it so tests exercise a
    /// client's wait loop in seconds). A larger requested wait is clamped to it.
    /// </summary>
    public double MaxWaitForFinishSecs { get; private set; } = ApiMaxWaitForFinishSecs;

    /// <summary>How long <c>run-sync</c> waits for the run before answering 408 (300 s like the API; lowerable).</summary>
    public double RunSyncTimeoutSecs { get; private set; } = ApiRunSyncTimeoutSecs;

    public static EmulatorOptions Parse(string[] args)
    {
        var o = new EmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--port": o.Port = int.Parse(Next()); break;
                case "--token": o.Token = Next(); break;
                case "--username": o.Username = Next(); break;
                case "--exit-with": o.ExitWithPid = int.Parse(Next()); break;
                case "--compress": o.Compress = true; break;
                case "--max-wait-for-finish": o.MaxWaitForFinishSecs = Seconds("--max-wait-for-finish", Next(), ApiMaxWaitForFinishSecs); break;
                case "--run-sync-timeout": o.RunSyncTimeoutSecs = Seconds("--run-sync-timeout", Next(), ApiRunSyncTimeoutSecs); break;
                case "--extra-user":
                    var spec = Next();
                    var colon = spec.IndexOf(':');
                    if (colon <= 0 || colon == spec.Length - 1) throw new ArgumentException($"--extra-user takes name:token, got '{spec}'");
                    o.ExtraUsers.Add((spec[..colon], spec[(colon + 1)..]));
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (string.IsNullOrWhiteSpace(o.Token)) throw new ArgumentException("--token must not be empty");
        var tokens = o.ExtraUsers.Select(u => u.Token).Append(o.Token).ToList();
        if (tokens.Distinct(StringComparer.Ordinal).Count() != tokens.Count) throw new ArgumentException("every user needs a token of its own");
        return o;
    }

    /// <summary>A number of seconds in (0, max]: these options can only lower the API's limits.</summary>
    private static double Seconds(string name, string text, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || value > max)
            throw new ArgumentException($"{name} takes seconds greater than 0 and at most {max}, got '{text}'");
        return value;
    }
}
