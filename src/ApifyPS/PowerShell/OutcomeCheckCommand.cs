namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// The command that shows whether a create or start whose outcome is unknown happened, rendered from the core's
    /// <see cref="ApifyOutcomeCheck"/> (the core declares what to check; only this layer knows the cmdlets).
    /// </summary>
    internal static class OutcomeCheckCommand
    {
        public static string Render(ApifyOutcomeCheck check)
        {
            switch (check.Kind)
            {
                case ApifyOutcomeCheckKind.BuildsOfActor: return $"Get-ApifyBuild -Actor {Quote(check.Id)} -Descending -First 5";
                case ApifyOutcomeCheckKind.RunsOfActor: return $"Get-ApifyRun -Actor {Quote(check.Id)} -Descending -First 5";
                case ApifyOutcomeCheckKind.RunsOfTask: return $"Get-ApifyRun -Task {Quote(check.Id)} -Descending -First 5";
                case ApifyOutcomeCheckKind.Run: return $"Get-ApifyRun -Id {Quote(check.Id)}";
                case ApifyOutcomeCheckKind.Actors:
                    return check.Name == null ? "Get-ApifyActor -My" : $"Get-ApifyActor -My | Where-Object Name -EQ {Quote(check.Name)}";
                case ApifyOutcomeCheckKind.VersionsOfActor: return $"Get-ApifyActorVersion -Actor {Quote(check.Id)}";
                case ApifyOutcomeCheckKind.EnvironmentVariablesOfVersion:
                    return $"(Get-ApifyActorVersion -Actor {Quote(check.Id)} -Version {Quote(check.Version)}).EnvVars";
                case ApifyOutcomeCheckKind.DispatchesOfWebhook: return $"Get-ApifyWebhookDispatch -WebhookId {Quote(check.Id)} -Descending -First 5";
                case ApifyOutcomeCheckKind.Webhooks:
                    return check.Id == null ? "Get-ApifyWebhook -Descending -First 5" : $"Get-ApifyWebhook -Actor {Quote(check.Id)} -Descending -First 5";
                case ApifyOutcomeCheckKind.Tasks:
                    return check.Name == null ? "Get-ApifyTask" : $"Get-ApifyTask | Where-Object Name -EQ {Quote(check.Name)}";
                case ApifyOutcomeCheckKind.Schedules:
                    return check.Name == null ? "Get-ApifySchedule" : $"Get-ApifySchedule | Where-Object Name -EQ {Quote(check.Name)}";
                case ApifyOutcomeCheckKind.Path: return $"Invoke-ApifyRestMethod -Path {Quote(check.Name)}";
                case ApifyOutcomeCheckKind.DatasetItems: return $"(Get-ApifyDataset -Id {Quote(check.Id)}).ItemCount";
                case ApifyOutcomeCheckKind.UnnamedStorages: return $"Get-Apify{check.Name} -Unnamed -Descending -First 5";
                default: return "Apify Console";
            }
        }

        /// <summary>A PowerShell single-quoted string.</summary>
        private static string Quote(string? value) => "'" + (value ?? "").Replace("'", "''") + "'";
    }
}
