using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyDataset, Get-ApifyKeyValueStore, Get-ApifyRequestQueue: the user's storages of one kind (the named
    /// ones, or all with -Unnamed), paged lazily, or storages by id or username~name, or a piped run's default one.
    /// A derived cmdlet declares -Id (its alias, completer and path segment differ) and names its kind.
    /// </summary>
    public abstract class StorageGetCmdlet<TStorage> : ApifyObjectCmdlet where TStorage : ApifyStorage
    {
        protected const string ListSet = "List";
        protected const string IdSet = "ById";

        public abstract string[] Id { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Unnamed { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        /// <summary>The client of this kind of storage (Client.Datasets, ...).</summary>
        protected abstract IStorageClient<TStorage> Storages { get; }

        /// <summary>The run's default storage of this kind.</summary>
        protected abstract string? DefaultStorageOf(ApifyRun run);

        /// <summary>"a dataset or a run", for piped objects of another type.</summary>
        protected abstract string AcceptedInput { get; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteAwaited(token => Storages.GetAsync(id, token), id);
                    break;
                case InputObjectSet:
                    var storageId = InputObject switch
                    {
                        TStorage s => s.Id,
                        ApifyRun run => DefaultStorageOf(run),
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(storageId)) WriteUnsupportedInput(InputObject!, AcceptedInput);
                    else WriteAwaited(token => Storages.GetAsync(storageId!, token), storageId);
                    break;
                default:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Storages.ListAsync(Unnamed, paging, token), null);
                    break;
            }
        }
    }
}
