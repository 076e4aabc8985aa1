using System;

namespace ApifyPS.DesktopHarness
{
    /// <summary>A scenario's check that did not hold; its message is the step's failure.</summary>
    internal sealed class StepFailedException : Exception
    {
        public StepFailedException(string message) : base(message)
        {
        }
    }
}
