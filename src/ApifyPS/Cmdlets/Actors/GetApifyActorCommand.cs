using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyActor: the Actors you created or used (or only yours), or Actors by id or username~name.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyActor", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyActor))]
    public sealed class GetApifyActorCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter My { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("createdAt", "lastRunStartedAt")]
        public string? SortBy { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteActor(id);
                    break;
                case InputObjectSet:
                    var actorId = InputObject switch
                    {
                        ApifyActor a => a.Id,
                        ApifyStoreActor found => found.Id,
                        ApifyBuild b => b.ActorId,
                        ApifyActorVersion v => v.ActorId,
                        ApifyWebhook w => w.ActorId,
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(actorId))
                        WriteUnsupportedInput(InputObject!, "an Actor, or a build, version or webhook of one");
                    else
                        WriteActor(actorId!);
                    break;
                default:
                    WriteList();
                    break;
            }
        }

        private void WriteActor(string id)
        {
            WriteAwaited(token => Client.Actors.GetAsync(id, token), id);
        }

        private void WriteList()
        {
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
            ApifyActorSort? sort = SortBy == null ? (ApifyActorSort?)null
                : string.Equals(SortBy, "lastRunStartedAt", StringComparison.OrdinalIgnoreCase) ? ApifyActorSort.LastRunStartedAt : ApifyActorSort.CreatedAt;
            WriteStream(token => Client.Actors.ListAsync(My, sort, paging, token), null);
        }
    }
}
