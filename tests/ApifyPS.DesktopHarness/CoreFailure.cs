using System;

namespace ApifyPS.DesktopHarness
{
    /// <summary>An error of the client core (an ApifyException), as the harness sees it.</summary>
    internal sealed class CoreFailure : Exception
    {
        public CoreFailure(string errorType, int? statusCode, int attempts, string? targetId, string? recommendedAction, string message, Exception inner)
            : base(message, inner)
        {
            ErrorType = errorType;
            StatusCode = statusCode;
            Attempts = attempts;
            TargetId = targetId;
            RecommendedAction = recommendedAction;
        }

        public string ErrorType { get; }
        public int? StatusCode { get; }
        public int Attempts { get; }
        public string? TargetId { get; }
        public string? RecommendedAction { get; }
    }
}
