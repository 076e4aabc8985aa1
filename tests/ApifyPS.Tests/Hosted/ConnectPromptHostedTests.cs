using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>
/// Connect-Apify without -Token in an interactive host: PowerShell asks the host for the token as a SecureString
/// (a console host reads it masked). Hosted here with a host that answers the prompt.
/// </summary>
[Collection(HostedPwshCollection.Name)] // the session connection is process-wide: one hosted runspace at a time
public class ConnectPromptHostedTests(TwoUserEmulatorFixture fixture) : IClassFixture<TwoUserEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    [Fact]
    public void Without_a_token_an_interactive_host_is_asked_for_a_SecureString()
    {
        var ui = new AnsweringUI(new NetworkCredential("", TwoUserEmulatorFixture.OtherToken).SecurePassword);
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { typeof(ApifyPS.Cmdlets.ApifyCmdlet).Assembly.Location });
        using var runspace = RunspaceFactory.CreateRunspace(new AnsweringHost(ui), iss);
        runspace.Open();
        try
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Connect-Apify").AddParameter("BaseUri", _server.BaseUri).AddParameter("SessionOnly");
            var output = ps.Invoke();
            Assert.Empty(ps.Streams.Error);
            var info = Assert.IsType<ApifyPS.Models.ApifyConnectionInfo>(Assert.Single(output).BaseObject);
            Assert.Equal("bob", info.Username);
            var field = Assert.Single(ui.Asked);
            Assert.Equal("Token", field.Name);
            Assert.Equal(typeof(SecureString).FullName, field.ParameterTypeFullName);
            Assert.Equal("bob", ApifySession.Current.Connection?.Username);
        }
        finally
        {
            ApifySession.Current.Disconnect();
        }
    }

    private sealed class AnsweringHost(AnsweringUI ui) : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        public override string Name => "ApifyPS test host";
        public override Version Version => new(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    private sealed class AnsweringUI(SecureString answer) : PSHostUserInterface
    {
        public List<FieldDescription> Asked { get; } = new();
        public override PSHostRawUserInterface? RawUI => null;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            Asked.AddRange(descriptions);
            return descriptions.ToDictionary(d => d.Name, _ => new PSObject(answer.Copy()));
        }

        public override string ReadLine() => throw new NotSupportedException("a token is never read as plain text");
        public override SecureString ReadLineAsSecureString() => answer.Copy();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }
}
