namespace ApifyPS.Tests.Support;

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
