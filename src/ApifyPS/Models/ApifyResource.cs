namespace ApifyPS.Models
{
    /// <summary>
    /// Base of every object ApifyPS emits. Cmdlets take it from the pipeline as -InputObject and pick what they need
    /// from its concrete type (an Actor's id, a run's build or dataset), so typed objects never bind ambiguously by
    /// property name; other objects (Import-Csv rows, hashtables) still bind by property name.
    /// </summary>
    public abstract class ApifyResource
    {
        /// <summary>The platform's id of this object.</summary>
        public string Id { get; set; } = "";

        public override string ToString() => Id;
    }
}
