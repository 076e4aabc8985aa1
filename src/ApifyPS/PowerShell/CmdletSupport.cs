using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>What cmdlets share about parameter errors and confirmation.</summary>
    internal static class CmdletSupport
    {
        /// <summary>A parameter combination that cannot work: terminating, before anything is sent.</summary>
        public static ErrorRecord ParameterError(string message, string errorId) =>
            new ErrorRecord(new ParameterBindingException(message), errorId, ErrorCategory.InvalidArgument, null);

        /// <summary>
        /// ShouldProcess with -Force: -Force skips the confirmation prompt a high-impact action would show, but never
        /// -WhatIf (which still only reports) and never an explicit -Confirm.
        /// </summary>
        public static bool ShouldProcess(PSCmdlet cmdlet, bool force, string target, string action)
        {
            if (!force || cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm")) return cmdlet.ShouldProcess(target, action);
            if (IsWhatIf(cmdlet))
            {
                cmdlet.ShouldProcess(target, action); // writes "What if: ..." and answers false
                return false;
            }
            return true;
        }

        private static bool IsWhatIf(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w))
                return w is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(w);
            return LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));
        }
    }
}
