namespace ApifyPS.Client
{
    /// <summary>
    /// What an endpoint's request is, declared once where the endpoint is (the resource clients pick one of these):
    /// its kind (may it be repeated), its timeout tier, its rate lane and the media type it answers with (sent as
    /// Accept). Nothing re-parses a path or query to learn these.
    /// </summary>
    public sealed class ApifyRequestPolicy
    {
        public const string Json = "application/json";
        public const string Text = "text/plain";
        public const string AnyType = "*/*";

        public ApifyRequestPolicy(ApifyRequestKind kind, ApifyTimeoutTier timeout, string accept, ApifyRateLane lane = ApifyRateLane.Resource)
        {
            Kind = kind;
            Timeout = timeout;
            Accept = accept;
            Lane = lane;
        }

        public ApifyRequestKind Kind { get; }

        public ApifyTimeoutTier Timeout { get; }

        /// <summary>The Accept header: what the endpoint answers with.</summary>
        public string Accept { get; }

        public ApifyRateLane Lane { get; }

        /// <summary>A JSON read.</summary>
        public static readonly ApifyRequestPolicy Read = new ApifyRequestPolicy(ApifyRequestKind.Read, ApifyTimeoutTier.Request, Json);

        /// <summary>A JSON read the server holds until a job finishes (<c>waitForFinish</c>).</summary>
        public static readonly ApifyRequestPolicy LongPoll = new ApifyRequestPolicy(ApifyRequestKind.LongPoll, ApifyTimeoutTier.LongPoll, Json);

        /// <summary>An idempotent write answered with JSON (PUT, DELETE, abort).</summary>
        public static readonly ApifyRequestPolicy Write = new ApifyRequestPolicy(ApifyRequestKind.Write, ApifyTimeoutTier.Request, Json);

        /// <summary>A create (an Actor, a version, an environment variable): never repeated blindly.</summary>
        public static readonly ApifyRequestPolicy Create = new ApifyRequestPolicy(ApifyRequestKind.Create, ApifyTimeoutTier.Request, Json);

        /// <summary>A start of a build or run, or a metamorph: never repeated blindly; the API's start limit.</summary>
        public static readonly ApifyRequestPolicy Start = new ApifyRequestPolicy(ApifyRequestKind.Create, ApifyTimeoutTier.Request, Json, ApifyRateLane.Starts);

        /// <summary>A synchronous run: a start that answers with the run's output record (any type) once the run ends.</summary>
        public static readonly ApifyRequestPolicy RunSync = new ApifyRequestPolicy(ApifyRequestKind.Create, ApifyTimeoutTier.RunSync, AnyType, ApifyRateLane.Starts);

        /// <summary>A log read whole.</summary>
        public static readonly ApifyRequestPolicy ReadText = new ApifyRequestPolicy(ApifyRequestKind.Read, ApifyTimeoutTier.Request, Text);

        /// <summary>A log followed as it grows (<c>stream=1</c>).</summary>
        public static readonly ApifyRequestPolicy FollowText = new ApifyRequestPolicy(ApifyRequestKind.Stream, ApifyTimeoutTier.None, Text);

        /// <summary>A record read into memory: any type.</summary>
        public static readonly ApifyRequestPolicy ReadRecord = new ApifyRequestPolicy(ApifyRequestKind.Read, ApifyTimeoutTier.Request, AnyType);

        /// <summary>A record streamed to a file: any type, timed by the pauses between its bytes.</summary>
        public static readonly ApifyRequestPolicy DownloadRecord = new ApifyRequestPolicy(ApifyRequestKind.Read, ApifyTimeoutTier.BetweenBytes, AnyType);

        /// <summary>A dataset export streamed to a file (the server's own format): timed by the pauses between its bytes.</summary>
        public static readonly ApifyRequestPolicy Export = new ApifyRequestPolicy(ApifyRequestKind.Read, ApifyTimeoutTier.BetweenBytes, AnyType);

        /// <summary>A push of dataset items: it adds, so it is never repeated blindly; the API's higher limit for pushes.</summary>
        public static readonly ApifyRequestPolicy Push = new ApifyRequestPolicy(ApifyRequestKind.Create, ApifyTimeoutTier.Request, Json, ApifyRateLane.Starts);

        public override string ToString() => $"{Kind}, timeout {Timeout}, Accept {Accept}, lane {Lane}";
    }
}
