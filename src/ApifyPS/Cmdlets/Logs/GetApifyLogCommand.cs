using System.Management.Automation;
using System.Threading;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyLog: a build's or run's log as lines of text; -Follow streams new lines while the job runs and ends
    /// when it ends.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyLog", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(string))]
    public sealed class GetApifyLogCommand : ApifyCmdlet
    {
        private const string IdSet = "ById";
        private const string BuildSet = "ByBuild";
        private const string RunSet = "ByRun";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>A build or run id (the API's /v2/logs/{buildOrRunId}).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("buildOrRunId")]
        public string Id { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = BuildSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("buildId")]
        public string BuildId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        /// <summary>A build or run from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Keep reading while the job runs: new lines as they are written, until the job ends.</summary>
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
                Await(Client.ReadLogAsync(kind, id, Follow, PostOutput, reading.Token));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
            finally
            {
                reading.Cancel();
            }
        }
    }
}
