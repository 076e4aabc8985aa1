using System.Management.Automation;
using System.Net;
using System.Security;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// SecretManagement vaults reached at run time: the module's commands are run, module-qualified, in the caller's
    /// runspace (a nested pipeline on the pipeline thread). No compile-time reference: where
    /// Microsoft.PowerShell.SecretManagement is not installed, <see cref="IsAvailable"/> is false and nothing is run.
    /// </summary>
    internal sealed class PowerShellSecretVault : ISecretVault
    {
        public const string ModuleName = "Microsoft.PowerShell.SecretManagement";

        private bool? _available;

        public bool IsAvailable => _available ??= Probe();

        public string GetSecret(string vault, string name)
        {
            var result = Run(vault, "Get-Secret", ps => ps.AddParameter("Name", name).AddParameter("Vault", vault));
            var value = result.Select(o => o?.BaseObject).FirstOrDefault(o => o != null);
            switch (value)
            {
                case string text: return text;
                case SecureString secure: return new NetworkCredential("", secure).Password;
                case PSCredential credential: return credential.GetNetworkCredential().Password;
                case null:
                    throw Failure(vault, $"has no secret '{name}'", null);
                default:
                    throw Failure(vault, $"holds '{name}' as a {value.GetType().Name}, not a string or SecureString", null);
            }
        }

        public void SetSecret(string vault, string name, string secret)
        {
            using var secure = new NetworkCredential("", secret).SecurePassword;
            Run(vault, "Set-Secret", ps => ps.AddParameter("Name", name).AddParameter("Vault", vault).AddParameter("SecureStringSecret", secure));
        }

        public void RemoveSecret(string vault, string name) =>
            Run(vault, "Remove-Secret", ps => ps.AddParameter("Name", name).AddParameter("Vault", vault));

        private bool Probe()
        {
            try
            {
                using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand("Get-Module").AddParameter("Name", ModuleName).AddParameter("ListAvailable");
                return ps.Invoke().Count > 0;
            }
            catch (Exception ex) when (ex is RuntimeException || ex is InvalidOperationException)
            {
                return false;
            }
        }

        private System.Collections.ObjectModel.Collection<PSObject> Run(string vault, string command, Action<PowerShell> parameters)
        {
            if (!IsAvailable) ApifyConnector.RequireVault(null, vault);
            try
            {
                using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand(ModuleName + "\\" + command);
                parameters(ps);
                var output = ps.Invoke();
                if (ps.Streams.Error.Count > 0)
                    throw Failure(vault, $"refused {command}: {ps.Streams.Error[0].Exception?.Message ?? ps.Streams.Error[0].ToString()}", null);
                return output;
            }
            catch (Exception ex) when (ex is RuntimeException || ex is InvalidOperationException)
            {
                throw Failure(vault, $"refused {command}: {ex.Message}", ex);
            }
        }

        private static ApifyConnectionException Failure(string vault, string what, Exception? inner) =>
            new ApifyConnectionException(ApifyErrorTypes.SecretVaultUnavailable, $"The SecretManagement vault '{vault}' {what}.", inner);
    }
}
