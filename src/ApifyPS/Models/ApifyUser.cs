namespace ApifyPS.Models
{
    /// <summary>
    /// The account a token belongs to (<c>GET /v2/users/me</c>, the API's UserPrivateInfo). The proxy password the
    /// API also sends is deliberately not read: it is a secret too.
    /// </summary>
    public sealed class ApifyUser : ApifyResource
    {
        public string Username { get; set; } = "";

        public string? Email { get; set; }

        public DateTime? CreatedAt { get; set; }

        public bool IsPaying { get; set; }

        public ApifyUserPlan? Plan { get; set; }

        public override string ToString() => Username.Length > 0 ? Username : Id;
    }

    /// <summary>The part of the account's plan worth showing (id and tier, e.g. FREE).</summary>
    public sealed class ApifyUserPlan
    {
        public string? Id { get; set; }

        public string? Tier { get; set; }

        public override string ToString() => Id ?? Tier ?? "";
    }
}
