using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyActorVersion: an Actor's versions, or some of them by number (wildcards allowed).</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Get, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(ApifyActorVersion))]
    public sealed class GetApifyActorVersionCommand : ActorTargetCmdlet
    {

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("VersionNumber")]
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
                    WriteUnsupportedInput(InputObject!, "an Actor or one of its versions");
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
            if (!TryAwait(token => Client.ActorVersions.ListAsync(actorId, token), actorId, out var versions)) return;
            foreach (var v in versions)
                if (Version == null || patterns.Any(p => p.IsMatch(v.VersionNumber)))
                    WriteObject(v);
        }

        private void WriteVersion(string actorId, string versionNumber)
        {
            WriteAwaited(token => Client.ActorVersions.GetAsync(actorId, versionNumber, token), $"{actorId} {versionNumber}");
        }
    }
}
