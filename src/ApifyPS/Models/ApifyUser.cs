namespace ApifyPS.Models
{
    /// <summary>
    /// A user: the account a token belongs to (<c>GET /v2/users/me</c>, the API's UserPrivateInfo) or anyone's public
    /// profile (<c>GET /v2/users/{userId}</c>, UserPublicInfo: username and profile only, no id). The proxy password
    /// the API also sends is deliberately not read: it is a secret too.
    /// </summary>
    public sealed class ApifyUser : ApifyResource
    {
        public string Username { get; set; } = "";

        public ApifyUserProfile? Profile { get; set; }

        public string? Email { get; set; }

        public DateTime? CreatedAt { get; set; }

        public bool IsPaying { get; set; }

        public ApifyUserPlan? Plan { get; set; }

        /// <summary>True for a public profile (another user's, or -Id): it carries no private fields.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public bool IsPublicProfile => Plan == null && Email == null;

        public override string ToString() => Username.Length > 0 ? Username : Id;
    }

    /// <summary>The part of the account's plan worth showing (id and tier, e.g. FREE) and its main allowances.</summary>
    public sealed class ApifyUserPlan
    {
        public string? Id { get; set; }

        public string? Tier { get; set; }

        public string? Description { get; set; }

        public double? MonthlyBasePriceUsd { get; set; }

        public double? MonthlyUsageCreditsUsd { get; set; }

        public double? MaxActorMemoryGbytes { get; set; }

        public int? MaxConcurrentActorRuns { get; set; }

        public override string ToString() => Id ?? Tier ?? "";
    }

    /// <summary>What a user shows the world.</summary>
    public sealed class ApifyUserProfile
    {
        public string? Name { get; set; }
        public string? Bio { get; set; }
        public string? PictureUrl { get; set; }
        public string? GithubUsername { get; set; }
        public string? WebsiteUrl { get; set; }
        public string? TwitterUsername { get; set; }

        public override string ToString() => Name ?? "";
    }
}
