using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What New-ApifySchedule and Set-ApifySchedule share: the actions from -Actor / -Task (with -Input and the run
    /// options) or from -Action hashtables (keys Actor or Task, Input, Build, TimeoutSecs, MemoryMbytes, MaxItems,
    /// MaxTotalChargeUsd), checked before any request.
    /// </summary>
    internal static class ScheduleActionParameters
    {
        private static readonly string[] s_keys = { "Actor", "Task", "Input", "Build", "TimeoutSecs", "MemoryMbytes", "MaxItems", "MaxTotalChargeUsd" };

        /// <summary>One action from -Actor or -Task, with -Input and the run options given.</summary>
        public static ApifyScheduleActionSpec One(string? actor, string? task, ApifyInput? input, ApifyRunOptionsRequest options)
        {
            var runOptions = ApifyPS.Cmdlets.TaskBodies.Options(options);
            var spec = new ApifyScheduleActionSpec
            {
                Actor = actor, Task = task, Input = input, RunOptions = runOptions.Count > 0 ? runOptions : null,
                Where = actor != null ? "-Actor" : "-Task",
            };
            SchedulesClient.CheckSpec(spec);
            return spec;
        }

        /// <summary>The -Action hashtables; a terminating parameter error naming the one at fault.</summary>
        public static List<ApifyScheduleActionSpec> Many(PSCmdlet cmdlet, Hashtable[] actions)
        {
            var specs = new List<ApifyScheduleActionSpec>();
            for (var i = 0; i < actions.Length; i++)
            {
                var where = $"-Action[{i}]";
                var h = actions[i];
                foreach (var key in h.Keys.Cast<object>().Select(k => k.ToString()!))
                    if (!s_keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                        Fail(cmdlet, $"{where}: unknown key '{key}' (the keys are {string.Join(", ", s_keys)}).");
                string? Text(string key) => h.ContainsKey(key) ? Convert.ToString(h[key] is PSObject p ? p.BaseObject : h[key], System.Globalization.CultureInfo.InvariantCulture) : null;
                long? Number(string key)
                {
                    if (!h.ContainsKey(key)) return null;
                    try { return LanguagePrimitives.ConvertTo<long>(h[key]); }
                    catch (PSInvalidCastException) { Fail(cmdlet, $"{where}: {key} must be a whole number."); return null; }
                }
                double? Charge()
                {
                    if (!h.ContainsKey("MaxTotalChargeUsd")) return null;
                    try { return LanguagePrimitives.ConvertTo<double>(h["MaxTotalChargeUsd"]); }
                    catch (PSInvalidCastException) { Fail(cmdlet, $"{where}: MaxTotalChargeUsd must be a number."); return null; }
                }
                var options = new ApifyRunOptionsRequest
                {
                    Build = Text("Build"),
                    TimeoutSecs = (int?)Number("TimeoutSecs"),
                    MemoryMbytes = (int?)Number("MemoryMbytes"),
                    MaxItems = Number("MaxItems"),
                    MaxTotalChargeUsd = Charge(),
                };
                var input = h.ContainsKey("Input") ? ActorInput.From(cmdlet, h["Input"], true, null, null) : null;
                var runOptions = ApifyPS.Cmdlets.TaskBodies.Options(options);
                var spec = new ApifyScheduleActionSpec
                {
                    Actor = Text("Actor"), Task = Text("Task"), Input = input, RunOptions = runOptions.Count > 0 ? runOptions : null, Where = where,
                };
                try { SchedulesClient.CheckSpec(spec); }
                catch (ArgumentException ex) { Fail(cmdlet, ex.Message); }
                catch (ApifyPathException ex) { Fail(cmdlet, $"{where}: {ex.Message}"); }
                specs.Add(spec);
            }
            return specs;
        }

        private static void Fail(PSCmdlet cmdlet, string message) =>
            cmdlet.ThrowTerminatingError(CmdletSupport.ParameterError(message, "InvalidScheduleAction"));
    }
}
