using System.Net.Http.Headers;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>The options of a run start (POST runs, run-sync); null leaves the Actor's default.</summary>
    public sealed class ApifyRunOptionsRequest
    {
        /// <summary>A build tag (latest, beta) or number (0.1.23).</summary>
        public string? Build { get; set; }

        /// <summary>The run's timeout (the API's <c>timeout</c>); 0 means none.</summary>
        public int? TimeoutSecs { get; set; }

        /// <summary>The run's memory (the API's <c>memory</c>): a power of 2 from 128 to 32768.</summary>
        public int? MemoryMbytes { get; set; }

        public long? MaxItems { get; set; }

        public double? MaxTotalChargeUsd { get; set; }

        /// <summary>Ad-hoc webhooks as a JSON array; sent base64-encoded in the <c>webhooks</c> parameter.</summary>
        public string? WebhooksJson { get; set; }

        /// <summary>
        /// Not sent: when the platform refuses the start for now (<c>actor-memory-limit-exceeded</c>,
        /// <c>concurrent-runs-limit-exceeded</c>), keep trying with backoff for up to this long (see
        /// <see cref="ApifyRequest.CapacityWait"/>). Null: such a refusal is an error at once.
        /// </summary>
        public TimeSpan? CapacityWait { get; set; }

        internal ApifyQuery AddTo(ApifyQuery query)
        {
            query.Add("timeout", TimeoutSecs).Add("memory", MemoryMbytes).Add("maxItems", MaxItems)
                .Add("maxTotalChargeUsd", MaxTotalChargeUsd).Add("build", string.IsNullOrEmpty(Build) ? null : Build);
            if (!string.IsNullOrEmpty(WebhooksJson))
                query.Add("webhooks", Convert.ToBase64String(new UTF8Encoding(false).GetBytes(WebhooksJson)));
            return query;
        }
    }
}
