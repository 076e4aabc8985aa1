using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// A cmdlet that takes ApifyPS objects from the pipeline: -InputObject, in its own parameter set
    /// (<see cref="InputObjectSet"/>), typed as the base of every model, so a piped build, run or Actor binds as itself
    /// and never by an Id property (docs/design.md, "Pipeline input"). The cmdlet picks what it needs from the
    /// concrete type and refuses the others with <see cref="ApifyCmdlet.WriteUnsupportedInput"/>. Virtual, so a
    /// cmdlet can take the object in a further set too (Start-ApifyBuild).
    /// </summary>
    public abstract class ApifyObjectCmdlet : ApifyCmdlet
    {
        protected const string InputObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public virtual ApifyResource? InputObject { get; set; }
    }
}
