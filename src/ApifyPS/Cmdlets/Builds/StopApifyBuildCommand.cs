using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Stop-ApifyBuild: aborts builds; a build that already finished is left as it is (not an error).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ApifyBuild", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class StopApifyBuildCommand : ApifyJobCmdlet
    {
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("buildId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>A build from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) Abort(id);
                return;
            }
            if (InputObject is ApifyBuild build) Abort(build.Id);
            else WriteUnsupportedInput(InputObject!, "a build");
        }

        private void Abort(string id)
        {
            if (!ShouldProcess($"Build {id}", "Abort")) return;
            try
            {
                WriteObject(Await(Client.AbortBuildAsync(id, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
        }
    }
}
