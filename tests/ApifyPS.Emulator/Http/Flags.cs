namespace ApifyPS.Emulator.Http;

/// <summary>The API's boolean query flags: true/1 or false/0 (absent means false).</summary>
public static class Flags
{
    public static bool TryParse(IQueryCollection query, string name, out bool value, out string? error)
    {
        value = false;
        error = null;
        if (!query.TryGetValue(name, out var raw)) return true;
        switch (raw.ToString().ToLowerInvariant())
        {
            case "1": case "true": value = true; return true;
            case "0": case "false": case "": value = false; return true;
            default:
                error = $"Parameter '{name}' must be true, false, 1 or 0, got '{raw}'.";
                return false;
        }
    }
}
