using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyRequestQueue: renames a request queue (or makes it unnamed) and sets who may read it; only what is given is sent.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Set, "ApifyRequestQueue", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyRequestQueue))]
    public sealed class SetApifyRequestQueueCommand : StorageSetCmdlet<ApifyRequestQueue>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("QueueId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public override string Id { get; set; } = "";

        protected override IStorageClient<ApifyRequestQueue> Storages => Client.RequestQueues;

        protected override ApifyStorageKind Kind => ApifyStorageKind.RequestQueue;

        protected override string What => "request queue";

        protected override string AcceptedInput => "a request queue (Get-ApifyRequestQueue)";
    }
}
