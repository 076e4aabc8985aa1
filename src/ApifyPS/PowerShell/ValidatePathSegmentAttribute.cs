using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// A parameter whose values become a path segment (an id, a name, a key): each value, every element of an array
    /// and every key of a hashtable is checked by the segment's own rule (<see cref="PathSegment"/>) while the
    /// parameter binds, so a value like '..' is a parameter validation error that names the parameter, before
    /// ShouldProcess and before any request. The core refuses the same values again wherever a path is built. It is
    /// also [ValidateNotNullOrEmpty]'s rule (a null, an empty string or an empty list is refused), so it stands alone.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePathSegmentAttribute : ValidateArgumentsAttribute
    {
        /// <param name="segmentName">The API's name for the path parameter (<c>actorId</c>, <c>envVarName</c>): see <see cref="PathSegment"/>.</param>
        public ValidatePathSegmentAttribute(string segmentName)
        {
            Segment = PathSegment.Named(segmentName);
        }

        public PathSegment Segment { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value0 = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value0 == null || (value0 is ICollection collection && collection.Count == 0))
                throw new ValidationMetadataException($"The argument is null or empty: a {Segment.Description} is required.");
            foreach (var value in ValuesOf(arguments))
            {
                try
                {
                    Segment.Check(value);
                }
                catch (ApifyPathException ex)
                {
                    throw new ValidationMetadataException(ex.Message);
                }
            }
        }

        /// <summary>The strings a bound value holds: itself, an array's elements, a hashtable's keys (nulls are left to ValidateNotNull).</summary>
        internal static IEnumerable<string> ValuesOf(object? arguments)
        {
            var value = arguments is PSObject pso ? pso.BaseObject : arguments;
            switch (value)
            {
                case null:
                    yield break;
                case string text:
                    yield return text;
                    yield break;
                case IDictionary dictionary:
                    foreach (var key in dictionary.Keys)
                        foreach (var k in ValuesOf(key)) yield return k;
                    yield break;
                case IEnumerable items:
                    foreach (var item in items)
                        foreach (var v in ValuesOf(item)) yield return v;
                    yield break;
                default:
                    yield return value.ToString() ?? "";
                    yield break;
            }
        }
    }
}
