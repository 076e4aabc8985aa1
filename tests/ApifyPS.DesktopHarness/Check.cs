using System;
using System.Threading.Tasks;

namespace ApifyPS.DesktopHarness
{
    /// <summary>The scenarios' assertions: each failure says what was expected and what came.</summary>
    internal static class Check
    {
        public static void That(bool condition, string message)
        {
            if (!condition) throw new StepFailedException(message);
        }

        public static void Equal<T>(T expected, T actual, string what)
        {
            if (!Equals(expected, actual)) throw new StepFailedException($"{what}: expected {expected}, got {actual}.");
        }

        /// <summary>The core error the call must end with; any other outcome fails the step.</summary>
        public static async Task<CoreFailure> FailsAsync(Func<Task> call, string what)
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (CoreFailure failure)
            {
                return failure;
            }
            throw new StepFailedException($"{what}: expected an error of the core, but the call succeeded.");
        }
    }
}
