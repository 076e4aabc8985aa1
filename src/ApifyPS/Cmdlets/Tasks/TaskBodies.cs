using System.Management.Automation;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>What the task cmdlets share: a task's input as a JSON object, its options from the run-option parameters.</summary>
    internal static class TaskBodies
    {
        /// <summary>The -Input given as the JSON object a task keeps; a terminating parameter error when it is not one.</summary>
        public static ApifyBody? InputObject(PSCmdlet cmdlet, ApifyInput? input)
        {
            if (input == null) return null;
            try
            {
                using var doc = JsonDocument.Parse(input.Body);
                return ApifyBody.FromJson(doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
            {
                cmdlet.ThrowTerminatingError(CmdletSupport.ParameterError(
                    "-Input: a task's input must be a JSON object (a hashtable, an object with properties or a JSON object string).", "TaskInputNotObject"));
                return null;
            }
        }

        /// <summary>The run options given (TaskOptions: build, timeoutSecs, memoryMbytes, maxItems, maxTotalChargeUsd), over <paramref name="current"/>.</summary>
        public static ApifyBody Options(ApifyRunOptionsRequest given, ApifyTaskOptions? current = null)
        {
            var body = new ApifyBody();
            var build = given.Build ?? current?.Build;
            if (build != null) body.Set("build", build);
            if ((given.TimeoutSecs ?? current?.TimeoutSecs) is int timeout) body.Set("timeoutSecs", timeout);
            if ((given.MemoryMbytes ?? current?.MemoryMbytes) is int memory) body.Set("memoryMbytes", memory);
            if ((given.MaxItems ?? current?.MaxItems) is long maxItems) body.Set("maxItems", maxItems);
            if ((given.MaxTotalChargeUsd ?? current?.MaxTotalChargeUsd) is double charge) body.Set("maxTotalChargeUsd", charge);
            if (current?.RestartOnError is bool restart) body.Set("restartOnError", restart);
            return body;
        }

        public static bool AnyGiven(ApifyRunOptionsRequest o) =>
            o.Build != null || o.TimeoutSecs != null || o.MemoryMbytes != null || o.MaxItems != null || o.MaxTotalChargeUsd != null;
    }
}
