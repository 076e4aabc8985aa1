namespace ApifyPS.Models
{
    /// <summary>What builds and runs share: the client's wait loop and list filters work on it.</summary>
    public interface IApifyJob
    {
        string Id { get; }

        /// <summary>The Actor the job belongs to.</summary>
        string? ActorId { get; }

        /// <summary>READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT, TIMED-OUT, ABORTING or ABORTED.</summary>
        string Status { get; }

        /// <summary>What the job reports about itself, when the API gives it (runs do).</summary>
        string? StatusMessage { get; }

        DateTime StartedAt { get; }

        DateTime? FinishedAt { get; }

        bool IsTerminal { get; }
    }
}
