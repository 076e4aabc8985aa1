using System;
using System.Diagnostics;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Wait-ApifyBuild: waits for builds to finish (server long poll) and emits each final build.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "ApifyBuild", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class WaitApifyBuildCommand : ApifyJobCmdlet
    {
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";
        private Stopwatch _clock = new Stopwatch();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("buildId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>A build from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Give up after this many seconds in all (the builds go on).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        /// <summary>Each build's log to the Information stream while waiting for it.</summary>
        [Parameter]
        public SwitchParameter ShowLog { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _clock = Stopwatch.StartNew();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) WaitFor(id);
                return;
            }
            if (InputObject is ApifyBuild build) WaitFor(build.Id);
            else WriteUnsupportedInput(InputObject!, "a build");
        }

        private void WaitFor(string id)
        {
            // -Timeout bounds the whole command: each build gets what is left of it.
            var remaining = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout))
                ? TimeSpan.FromSeconds(Timeout) - _clock.Elapsed
                : (TimeSpan?)null;
            if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
            try
            {
                WriteWaitResult("build", Await(Client.WaitForBuildAsync(id, WaitOptions(remaining, ShowLog), null, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
        }
    }
}
