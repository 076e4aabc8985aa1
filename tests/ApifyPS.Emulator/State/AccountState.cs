namespace ApifyPS.Emulator.State;

/// <summary>
/// What the account and alerting endpoints keep besides the store's records: each user's limits (PUT
/// /v2/users/me/limits), webhook dispatches, and the webhooks made with an idempotency key (so a create repeated with
/// the same key answers the first webhook). Guarded by <see cref="EmulatorStore.Sync"/> like everything else.
/// </summary>
public sealed class AccountState
{
    public Dictionary<string, UserLimits> LimitsByUser { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WebhookDispatchRecord> DispatchesById { get; } = new(StringComparer.Ordinal);

    /// <summary>Every dispatch in creation order (lists sort by createdAt, ties by creation).</summary>
    public List<WebhookDispatchRecord> Dispatches { get; } = new();

    /// <summary>(user id, idempotency key) -> the webhook that key created.</summary>
    public Dictionary<(string UserId, string Key), WebhookRecord> WebhooksByIdempotencyKey { get; } = new();

    public UserLimits LimitsOf(UserRecord user)
    {
        if (!LimitsByUser.TryGetValue(user.Id, out var limits)) LimitsByUser[user.Id] = limits = new UserLimits();
        return limits;
    }

    public void AddDispatch(WebhookDispatchRecord dispatch)
    {
        DispatchesById[dispatch.Id] = dispatch;
        Dispatches.Add(dispatch);
    }
}

/// <summary>The limits a user can set (UpdateLimitsRequest) and the plan's fixed ones, as AccountLimits reports them.</summary>
public sealed class UserLimits
{
    public double MaxMonthlyUsageUsd { get; set; } = 5;
    public long DataRetentionDays { get; set; } = 7;
}
