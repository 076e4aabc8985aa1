namespace ApifyPS.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on Dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apifyps-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}

/// <summary>A SecretManagement vault in memory, for the core's tests (the module layer runs the real module's commands).</summary>
public sealed class MemoryVault : ApifyPS.Client.ISecretVault
{
    public Dictionary<(string Vault, string Name), string> Secrets { get; } = new();

    public bool IsAvailable { get; set; } = true;

    public string GetSecret(string vault, string name) =>
        Secrets.TryGetValue((vault, name), out var s)
            ? s
            : throw new ApifyPS.Client.ApifyConnectionException(ApifyPS.Client.ApifyErrorTypes.SecretVaultUnavailable, $"no secret {name}");

    public void SetSecret(string vault, string name, string secret) => Secrets[(vault, name)] = secret;

    public void RemoveSecret(string vault, string name) => Secrets.Remove((vault, name));
}
