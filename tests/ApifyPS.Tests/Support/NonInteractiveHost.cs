using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ApifyPS.Tests.Support;

/// <summary>
/// A host like a scheduled task's or <c>pwsh -NonInteractive</c>'s: it has a UI to write to, but every question
/// (a choice, a prompt, a line to read) fails, as there is nobody to answer. Counts the questions it was asked.
/// </summary>
public sealed class NonInteractiveHost : PSHost
{
    private readonly Ui _ui = new();

    public int Questions => _ui.Questions;

    public IReadOnlyList<string> Lines => _ui.Lines;

    public override string Name => "ApifyPS.Tests.NonInteractiveHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class Ui : PSHostUserInterface
    {
        private int _questions;
        private readonly List<string> _lines = new();

        public int Questions => Volatile.Read(ref _questions);

        public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

        private Exception Asked()
        {
            Interlocked.Increment(ref _questions);
            return new PSInvalidOperationException("The host is non-interactive: nobody can answer.");
        }

        private void Line(string text) { lock (_lines) _lines.Add(text); }

        public override PSHostRawUserInterface? RawUI => null;
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw Asked();
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw Asked();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Asked();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Asked();
        public override string ReadLine() => throw Asked();
        public override SecureString ReadLineAsSecureString() => throw Asked();
        public override void Write(string value) => Line(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Line(value);
        public override void WriteLine(string value) => Line(value);
        public override void WriteDebugLine(string message) => Line("DEBUG: " + message);
        public override void WriteErrorLine(string value) => Line("ERROR: " + value);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) => Line("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Line("WARNING: " + message);
    }
}
