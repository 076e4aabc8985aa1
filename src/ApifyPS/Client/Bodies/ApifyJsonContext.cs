using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ApifyPS.Client
{
    /// <summary>
    /// Compile-time JSON metadata for the types lists stream in bulk (and their envelopes): deserializing them needs
    /// no reflection, which keeps the first walk in a fresh session fast and works the same whichever copy of
    /// System.Text.Json is loaded. Every model a resource client lists must be here (with its array, envelope and page):
    /// <c>JsonContextTests</c> fails when one is missing.
    /// </summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyBuild))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyBuild[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyBuild>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyBuild>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyActor))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyActor[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyActor>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyActor>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyRun))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyRun[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyRun>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyRun>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyWebhook))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyWebhook[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyWebhook>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyWebhook>>))]
    [JsonSerializable(typeof(DataEnvelope<KeyListPage<ApifyPS.Models.ApifyKeyValueStoreKey>>))]
    // Account and alerting.
    [JsonSerializable(typeof(ApifyPS.Models.ApifyWebhookDispatch))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyWebhookDispatch[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyWebhookDispatch>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyWebhookDispatch>>))]
    // Tasks and schedules.
    [JsonSerializable(typeof(ApifyPS.Models.ApifyTask))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyTask[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyTask>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyTask>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifySchedule))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifySchedule[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifySchedule>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifySchedule>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyScheduleLogEntry[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyScheduleLogEntry[]>))]
    // Reach: the Store's Actors.
    [JsonSerializable(typeof(ApifyPS.Models.ApifyStoreActor))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyStoreActor[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyStoreActor>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyStoreActor>>))]
    // Storages (issue 15).
    [JsonSerializable(typeof(ApifyPS.Models.ApifyDataset))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyDataset[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyDataset>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyDataset>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyKeyValueStore))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyKeyValueStore[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyKeyValueStore>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyKeyValueStore>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyRequestQueue))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyRequestQueue[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyRequestQueue>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyRequestQueue>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyQueueRequest))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyQueueRequest[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyQueueRequest>))]
    [JsonSerializable(typeof(DataEnvelope<CursorListPage<ApifyPS.Models.ApifyQueueRequest>>))]
    [JsonSerializable(typeof(DataEnvelope<ApifyQueueBatchResult>))]
    internal sealed partial class ApifyJsonContext : JsonSerializerContext
    {
    }
}
