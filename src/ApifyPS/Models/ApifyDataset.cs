using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>A dataset (the API's Dataset, or DatasetListItem in lists).</summary>
    public sealed class ApifyDataset : ApifyStorage
    {
        public long ItemCount { get; set; }

        /// <summary>Items that are not empty once their hidden (#) fields are left out.</summary>
        public long CleanItemCount { get; set; }

        public string? ItemsPublicUrl { get; set; }

        /// <summary>The dataset's id under the name item cmdlets bind by (Get-ApifyDatasetItem, Export-ApifyDataset).</summary>
        [JsonIgnore]
        public string DatasetId => Id;
    }
}
