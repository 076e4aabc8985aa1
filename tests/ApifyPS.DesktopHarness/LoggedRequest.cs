namespace ApifyPS.DesktopHarness
{
    /// <summary>A /v2 request the local server received (GET /__emulator/requests).</summary>
    internal sealed class LoggedRequest
    {
        public LoggedRequest(string method, string path, string query)
        {
            Method = method;
            Path = path;
            Query = query;
        }

        public string Method { get; }
        public string Path { get; }
        public string Query { get; }

        public override string ToString() => $"{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")}";
    }
}
