// The host the help examples run in (tests/TestSupport/Invoke-HelpExamples.ps1, compiled with Add-Type): it plays
// the reader at the keyboard. Asked for a secret (a masked Read-Host, a SecureString or PSCredential prompt such as
// Connect-Apify's), it types the token of the local server the example runs against; asked to choose, it takes the
// default answer. Asked for plain typed input, it fails the example: examples must not need any.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ApifyPS.Tests.Help
{
    public sealed class ExampleHost : PSHost
    {
        private readonly ExampleHostUserInterface _ui;
        private readonly Guid _id = Guid.NewGuid();

        public ExampleHost(string secret) => _ui = new ExampleHostUserInterface(secret);

        /// <summary>What the example wrote to the host (Write-Host, warnings, verbose), for the report.</summary>
        public string Transcript => _ui.Transcript;

        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override Guid InstanceId => _id;
        public override string Name => "ApifyPS help examples";
        public override Version Version => new Version(1, 0);
        public override PSHostUserInterface UI => _ui;
        public override void EnterNestedPrompt() => throw new NotSupportedException("Examples cannot enter a nested prompt.");
        public override void ExitNestedPrompt() { }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class ExampleHostUserInterface : PSHostUserInterface
    {
        private readonly string _secret;
        private readonly StringBuilder _transcript = new StringBuilder();

        public ExampleHostUserInterface(string secret) => _secret = secret;

        public string Transcript { get { lock (_transcript) return _transcript.ToString(); } }

        public override PSHostRawUserInterface RawUI => null!;

        private SecureString Secret()
        {
            var secure = new SecureString();
            foreach (var c in _secret) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                var type = field.ParameterTypeFullName ?? "";
                if (type == typeof(SecureString).FullName) answers[field.Name] = new PSObject(Secret());
                else if (type == typeof(PSCredential).FullName) answers[field.Name] = new PSObject(new PSCredential("apify", Secret()));
                else throw new InvalidOperationException($"The example prompts for '{field.Name}' ({type}): examples must not need typed input.");
            }
            return answers;
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            defaultChoice >= 0 ? defaultChoice : 0;

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            new PSCredential(string.IsNullOrEmpty(userName) ? "apify" : userName, Secret());

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            PromptForCredential(caption, message, userName, targetName);

        public override string ReadLine() =>
            throw new InvalidOperationException("The example reads typed input (Read-Host): examples must not need any.");

        public override SecureString ReadLineAsSecureString() => Secret();

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + "\n");
        public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");
        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        private void Append(string text)
        {
            lock (_transcript) _transcript.Append(text);
        }
    }
}
