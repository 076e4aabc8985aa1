using System;
using System.Management.Automation;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>What cmdlets share about -InputObject and confirmation.</summary>
    internal static class CmdletSupport
    {
        /// <summary>The error for an ApifyPS object a cmdlet cannot use: non-terminating, nothing is sent.</summary>
        public static ErrorRecord Unsupported(string cmdlet, ApifyResource input, string accepted) =>
            new ErrorRecord(
                new ArgumentException($"{cmdlet} does not take {input.GetType().Name} objects; pass {accepted}."),
                "UnsupportedInputObject", ErrorCategory.InvalidArgument, input);

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

    /// <summary>An Actor name as the API takes it (lowercase letters, numbers, hyphens): a parameter validation error otherwise.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateActorNameAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var name = arguments is PSObject pso ? pso.BaseObject as string : arguments as string;
            try
            {
                Client.ApifyActorSchema.CheckActorName(name);
            }
            catch (ArgumentException ex)
            {
                throw new ValidationMetadataException(ex.Message);
            }
        }
    }
}
