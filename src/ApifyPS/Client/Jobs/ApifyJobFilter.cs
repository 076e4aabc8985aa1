namespace ApifyPS.Client
{
    /// <summary>
    /// Which jobs a list keeps: statuses and a startedAt window (both bounds inclusive, as the API documents them).
    /// Runs lists send it to the server (<c>status</c>, <c>startedAfter</c>, <c>startedBefore</c>); builds lists
    /// have no such parameters, so the client applies it while walking the pages.
    /// </summary>
    public sealed class ApifyJobFilter
    {
        private DateTime? _startedAfter;
        private DateTime? _startedBefore;

        /// <summary>Keep only these statuses; null or empty keeps all.</summary>
        public IReadOnlyCollection<string>? Statuses { get; set; }

        /// <summary>Keep jobs started at or after this time (converted to UTC).</summary>
        public DateTime? StartedAfter
        {
            get => _startedAfter;
            set => _startedAfter = value.HasValue ? ApifyQuery.ToUtc(value.Value) : (DateTime?)null;
        }

        /// <summary>Keep jobs started at or before this time (converted to UTC).</summary>
        public DateTime? StartedBefore
        {
            get => _startedBefore;
            set => _startedBefore = value.HasValue ? ApifyQuery.ToUtc(value.Value) : (DateTime?)null;
        }

        public bool IsEmpty => (Statuses == null || Statuses.Count == 0) && !_startedAfter.HasValue && !_startedBefore.HasValue;

        public bool Matches(IApifyJob job) =>
            (Statuses == null || Statuses.Count == 0 || Statuses.Contains(job.Status, StringComparer.Ordinal)) &&
            (!_startedAfter.HasValue || ApifyQuery.ToUtc(job.StartedAt) >= _startedAfter.Value) &&
            (!_startedBefore.HasValue || ApifyQuery.ToUtc(job.StartedAt) <= _startedBefore.Value);

        /// <summary>
        /// True when no job after this one in a list sorted by startedAt can match: newest first and already older
        /// than <see cref="StartedAfter"/>, or oldest first and already newer than <see cref="StartedBefore"/>.
        /// </summary>
        public bool IsPastWindow(IApifyJob job, bool descending)
        {
            var started = ApifyQuery.ToUtc(job.StartedAt);
            return descending
                ? _startedAfter.HasValue && started < _startedAfter.Value
                : _startedBefore.HasValue && started > _startedBefore.Value;
        }

        /// <summary>The runs lists' query parameters: <c>status</c> (comma-separated), <c>startedAfter</c>, <c>startedBefore</c>.</summary>
        public ApifyQuery AddTo(ApifyQuery query)
        {
            if (Statuses != null && Statuses.Count > 0) query.Add("status", string.Join(",", Statuses));
            return query.Add("startedAfter", _startedAfter).Add("startedBefore", _startedBefore);
        }
    }
}
