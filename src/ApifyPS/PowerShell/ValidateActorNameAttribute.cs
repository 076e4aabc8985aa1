using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>An Actor name as the API takes it (lowercase letters, numbers, hyphens): a parameter validation error otherwise.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateActorNameAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var name = arguments is PSObject pso ? pso.BaseObject as string : arguments as string;
            try
            {
                Client.ApifyActorSchema.CheckActorName(name);
            }
            catch (ArgumentException ex)
            {
                throw new ValidationMetadataException(ex.Message);
            }
        }
    }
}
