using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyLog: a build's or run's log as lines of text; -Follow streams new lines while the job runs and ends
    /// when it ends.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyLog", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(string))]
    public sealed class GetApifyLogCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";
        private const string BuildSet = "ByBuild";
        private const string RunSet = "ByRun";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("buildOrRunId")]
        public string Id { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = BuildSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("buildId")]
        public string BuildId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        [Parameter]
        public SwitchParameter Follow { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case BuildSet:
                    WriteLog("build", BuildId);
                    break;
                case RunSet:
                    WriteLog("run", RunId);
                    break;
                case InputObjectSet:
                    switch (InputObject)
                    {
                        case ApifyBuild build:
                            WriteLog("build", build.Id);
                            break;
                        case ApifyRun run:
                            WriteLog("run", run.Id);
                            break;
                        default:
                            WriteUnsupportedInput(InputObject!, "a build or a run");
                            break;
                    }
                    break;
                default:
                    WriteLog(null, Id);
                    break;
            }
        }

        private void WriteLog(string? kind, string id)
        {
            // Lines are written on the pipeline thread as they arrive. When the pipeline ends early (Select-Object
            // -First, Ctrl+C) or fails, the read is cancelled: a followed log would otherwise hold its connection.
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            try
            {
                TryAwait(_ => Client.Logs.ReadAsync(kind, id, Follow, PostOutput, reading.Token), id);
            }
            finally
            {
                reading.Cancel();
            }
        }
    }
}
