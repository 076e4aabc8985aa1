namespace ApifyPS.Client
{
    /// <summary>What to look at to see whether a create or start whose outcome is unknown happened.</summary>
    public enum ApifyOutcomeCheckKind
    {
        /// <summary>The newest builds of the Actor (<see cref="ApifyOutcomeCheck.Id"/>).</summary>
        BuildsOfActor,
        /// <summary>The newest runs of the Actor.</summary>
        RunsOfActor,
        /// <summary>The newest runs of the Actor task.</summary>
        RunsOfTask,
        /// <summary>The run itself (a metamorph, a resurrect, a reboot).</summary>
        Run,
        /// <summary>The user's Actors (a created Actor, named <see cref="ApifyOutcomeCheck.Name"/>).</summary>
        Actors,
        /// <summary>The versions of the Actor.</summary>
        VersionsOfActor,
        /// <summary>The environment variables of a version (<see cref="ApifyOutcomeCheck.Id"/> Actor, <see cref="ApifyOutcomeCheck.Version"/>).</summary>
        EnvironmentVariablesOfVersion,
        /// <summary>The user's webhooks (of the Actor or task <see cref="ApifyOutcomeCheck.Id"/>, when given).</summary>
        Webhooks,
        /// <summary>The dispatches of the webhook <see cref="ApifyOutcomeCheck.Id"/>.</summary>
        DispatchesOfWebhook,
        /// <summary>The user's tasks (a created task, named <see cref="ApifyOutcomeCheck.Name"/>).</summary>
        Tasks,
        /// <summary>The user's schedules (a created schedule, named <see cref="ApifyOutcomeCheck.Name"/>).</summary>
        Schedules,
        /// <summary>The items of a dataset (<see cref="ApifyOutcomeCheck.Id"/>): a push whose outcome is unknown.</summary>
        DatasetItems,
        /// <summary>The newest unnamed storages of a kind (<see cref="ApifyOutcomeCheck.Name"/>: Dataset, KeyValueStore, RequestQueue).</summary>
        UnnamedStorages,
        /// <summary>Anything else: the resource named by <see cref="ApifyOutcomeCheck.Name"/> in Apify Console.</summary>
        Console,

        // Invoke-ApifyRestMethod: what a GET of a path shows.
        Path,
    }
}
