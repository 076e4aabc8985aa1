using System.Management.Automation;
using System.Reflection;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// -Debug without prompts. For a compiled cmdlet, PowerShell turns -Debug into "inquire" for the verbose stream
    /// (every WriteVerbose asks "Continue with this operation?", and in a host without a console that throws), and in
    /// Windows PowerShell 5.1 for the debug stream too. What -Debug means for ApifyPS is "show me the HTTP exchange":
    /// so when the -Debug switch is given (and -Verbose is not given either way), this cmdlet's runtime is set as if
    /// -Verbose had been given too and its debug preference to Continue: the same lines are written, none asks.
    /// An explicit $DebugPreference / $VerbosePreference = 'Inquire' is left alone. The runtime's members are not
    /// public (MshCommandRuntime's Verbose and DebugPreference, the same in 5.1 and 7); where they cannot be found the
    /// cmdlet behaves as PowerShell makes it.
    /// </summary>
    internal static class DebugWithoutInquiry
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

        /// <summary>True when the -Debug switch is on for this call, or $DebugPreference shows debug lines.</summary>
        public static bool IsWanted(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var value))
                return value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);
            try
            {
                var preference = cmdlet.GetVariableValue("DebugPreference");
                if (preference == null) return false;
                var parsed = LanguagePrimitives.ConvertTo<ActionPreference>(preference);
                return parsed != ActionPreference.SilentlyContinue && parsed != ActionPreference.Ignore;
            }
            catch (Exception ex) when (ex is PSInvalidCastException || ex is InvalidOperationException)
            {
                return false;
            }
        }

        public static void Apply(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (!bound.TryGetValue("Debug", out var debug) || !(debug is SwitchParameter on && on.IsPresent)) return;
            var runtime = cmdlet.CommandRuntime;
            if (runtime == null) return;
            var type = runtime.GetType();
            try
            {
                if (!bound.ContainsKey("Verbose"))
                    type.GetProperty("Verbose", Instance)?.SetValue(runtime, true);
                var preference = type.GetProperty("DebugPreference", Instance);
                if (preference != null && preference.CanRead && preference.CanWrite &&
                    (ActionPreference)preference.GetValue(runtime)! == ActionPreference.Inquire)
                    preference.SetValue(runtime, ActionPreference.Continue);
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is ArgumentException || ex is MemberAccessException ||
                                       ex is InvalidCastException || ex is NullReferenceException)
            {
                // Another runtime (a host's own ICommandRuntime): it decides how -Debug behaves.
            }
        }
    }
}
