namespace ApifyPS.Emulator;

/// <summary>Command-line options. Unknown options are an error, so a typo in a test does not go unnoticed.</summary>
public sealed class EmulatorOptions
{
    public int Port { get; private set; }
    public string Token { get; private set; } = "emulator-token";
    public string Username { get; private set; } = "emulator-user";

    /// <summary>Further users (<c>--extra-user name:token</c>, repeatable): other accounts a token can belong to.</summary>
    public List<(string Username, string Token)> ExtraUsers { get; } = new();

    /// <summary>Exit when this process ends, so a crashed test run leaves no server behind.</summary>
    public int? ExitWithPid { get; private set; }

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
}
