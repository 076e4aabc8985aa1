namespace ApifyPS.Client
{
    /// <summary>
    /// One schedule of a schedules file as read, before it is checked: where it is (for messages: "schedules.psd1
    /// line 4, entry 1") and its keys with plain values (strings, booleans, numbers, <see cref="ApifyBody"/> objects, lists).
    /// </summary>
    public sealed class ScheduleFileEntry
    {
        public ScheduleFileEntry(string where, IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            Where = where;
            Fields = fields;
        }

        public string Where { get; }

        public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; }
    }
}
