using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// An Actor as the Apify Store lists it (GET /v2/store, Find-ApifyActor): public, someone's, with its pricing. Piped
    /// into Start-ApifyRun, Invoke-ApifyActor, Start-ApifyBuild, Get-ApifyActor or Test-ApifyActorInput it stands for that Actor.
    /// </summary>
    public sealed class ApifyStoreActor : ApifyResource
    {
        public string Name { get; set; } = "";

        /// <summary>The owner's username.</summary>
        public string? Username { get; set; }

        public string? UserFullName { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public string[]? Categories { get; set; }

        /// <summary>The Actor's page in the Store.</summary>
        public string? Url { get; set; }

        public ApifyActorStats? Stats { get; set; }

        public ApifyStorePricing? CurrentPricingInfo { get; set; }

        public long? ActorReviewCount { get; set; }

        public double? ActorReviewRating { get; set; }

        public long? BookmarkCount { get; set; }

        public string? Badge { get; set; }

        /// <summary>A short summary of the Actor's readme.</summary>
        public string? ReadmeSummary { get; set; }

        /// <summary><c>username~name</c>: how every -Actor parameter accepts it.</summary>
        [JsonIgnore]
        public string FullName => string.IsNullOrEmpty(Username) ? Name : Username + "~" + Name;

        /// <summary>The Actor's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string ActorId => Id;

        /// <summary>FREE, FLAT_PRICE_PER_MONTH, PRICE_PER_DATASET_ITEM or PAY_PER_EVENT.</summary>
        [JsonIgnore]
        public string? PricingModel => CurrentPricingInfo?.PricingModel;

        public override string ToString() => FullName.Length > 0 ? FullName : Id;
    }
}
