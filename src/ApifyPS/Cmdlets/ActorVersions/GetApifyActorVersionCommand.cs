using System;
using System.Linq;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyActorVersion: an Actor's versions, or some of them by number (wildcards allowed).</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Get, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(ApifyActorVersion))]
    public sealed class GetApifyActorVersionCommand : ApifyCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>The Actor: its id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An Actor (its versions) or a version (read again) from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Version numbers (MAJOR.MINOR) or wildcard patterns such as 1.*; all versions when omitted.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("VersionNumber")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidatePathSegment("versionNumber")]
        public string[]? Version { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ActorSet)
            {
                WriteVersions(Actor);
                return;
            }
            switch (InputObject)
            {
                case ApifyActor actor:
                    WriteVersions(actor.Id);
                    break;
                case ApifyActorVersion version when !string.IsNullOrEmpty(version.ActorId):
                    WriteVersion(version.ActorId!, version.VersionNumber);
                    break;
                default:
                    WriteError(CmdletSupport.Unsupported("Get-ApifyActorVersion", InputObject!, "an Actor or one of its versions"));
                    break;
            }
        }

        private void WriteVersions(string actorId)
        {
            var exact = Version?.Where(v => !WildcardPattern.ContainsWildcardCharacters(v)).ToArray() ?? Array.Empty<string>();
            var patterns = Version?.Where(WildcardPattern.ContainsWildcardCharacters)
                .Select(v => WildcardPattern.Get(v, WildcardOptions.IgnoreCase)).ToArray() ?? Array.Empty<WildcardPattern>();
            foreach (var number in exact) WriteVersion(actorId, number);
            if (Version != null && patterns.Length == 0) return;
            try
            {
                foreach (var v in Await(Client.ListActorVersionsAsync(actorId, CancellationToken)))
                    if (Version == null || patterns.Any(p => p.IsMatch(v.VersionNumber)))
                        WriteObject(v);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }

        private void WriteVersion(string actorId, string versionNumber)
        {
            try
            {
                WriteObject(Await(Client.GetActorVersionAsync(actorId, versionNumber, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, $"{actorId} {versionNumber}");
            }
        }
    }
}
