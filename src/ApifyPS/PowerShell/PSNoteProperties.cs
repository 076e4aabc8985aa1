using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// The note properties of PSCustomObjects, read fast. <see cref="PSObject.Properties"/> integrates every member
    /// collection of an object (its own, the type table's, the adapter's) into a new list at each enumeration, which
    /// costs about 3 µs an object and was most of a push's time: enumerating 100,000 items of two PSCustomObjects each
    /// took 611 ms through Properties and 10 ms through the objects' own members. Those are PSObject's InstanceMembers
    /// (not public; the same member in Windows PowerShell 5.1 and PowerShell 7), read by index from the ordered
    /// dictionary that holds them (their enumerator copies them: 300 bytes an object). They are used for a list of type names
    /// only once a first object with those names showed that Properties gives exactly its own note properties, in the
    /// same order (no note property added by the type table, as Update-TypeData or a types.ps1xml can); otherwise, and
    /// where the member cannot be found, Properties is used. One instance serves one writer: the type table is asked
    /// again by the next.
    /// </summary>
    internal sealed class PSNoteProperties
    {
        private static readonly Func<PSObject, OrderedDictionary?>? OwnMembersOf = FindOwnMembers();

        private readonly Dictionary<string, bool> _ownSufficeByTypeNames = new Dictionary<string, bool>(StringComparer.Ordinal);
        private string[] _lastTypeNames = new string[0];
        private bool _lastOwnSuffice;

        /// <summary>
        /// The object's own members (read the <see cref="PSNoteProperty"/> ones, in order), when their note properties are
        /// all that Properties would give; otherwise null.
        /// </summary>
        public OrderedDictionary? OwnMembersOrNull(PSObject pso)
        {
            if (OwnMembersOf == null) return null;
            var own = OwnMembersOf(pso);
            if (own == null) return null;
            return OwnSuffice(pso, own) ? own : null;
        }

        private bool OwnSuffice(PSObject pso, OrderedDictionary own)
        {
            var typeNames = pso.TypeNames;
            if (SameAsLast(typeNames)) return _lastOwnSuffice;
            var names = new string[typeNames.Count];
            typeNames.CopyTo(names, 0);
            var key = string.Join("\n", names);
            if (!_ownSufficeByTypeNames.TryGetValue(key, out var suffice))
            {
                suffice = SameNames(pso, own);
                _ownSufficeByTypeNames[key] = suffice;
            }
            _lastTypeNames = names;
            _lastOwnSuffice = suffice;
            return suffice;
        }

        private bool SameAsLast(IList<string> typeNames)
        {
            if (typeNames.Count != _lastTypeNames.Length) return false;
            for (var i = 0; i < _lastTypeNames.Length; i++)
                if (!string.Equals(typeNames[i], _lastTypeNames[i], StringComparison.Ordinal)) return false;
            return true;
        }

        /// <summary>Whether Properties' gettable note properties are this object's own note properties, in order.</summary>
        private static bool SameNames(PSObject pso, OrderedDictionary own)
        {
            using var integrated = pso.Properties.GetEnumerator();
            for (var i = 0; i < own.Count; i++)
            {
                if (!(own[i] is PSNoteProperty member)) continue;
                if (!NextNoteProperty(integrated, out var name) || !string.Equals(name, member.Name, StringComparison.Ordinal)) return false;
            }
            return !NextNoteProperty(integrated, out _);
        }

        private static bool NextNoteProperty(IEnumerator<PSPropertyInfo> properties, out string? name)
        {
            while (properties.MoveNext())
            {
                var property = properties.Current;
                if ((property.MemberType & PSMemberTypes.NoteProperty) == 0 || !property.IsGettable) continue;
                name = property.Name;
                return true;
            }
            name = null;
            return false;
        }

        /// <summary>pso => pso.InstanceMembers.Members, compiled once; null where PowerShell has no such members.</summary>
        private static Func<PSObject, OrderedDictionary?>? FindOwnMembers()
        {
            const BindingFlags NonPublic = BindingFlags.Instance | BindingFlags.NonPublic;
            try
            {
                var instanceMembers = typeof(PSObject).GetProperty("InstanceMembers", NonPublic);
                var members = instanceMembers?.PropertyType.GetProperty("Members", NonPublic);
                if (instanceMembers?.GetGetMethod(nonPublic: true) == null || members?.GetGetMethod(nonPublic: true) == null ||
                    members.PropertyType != typeof(OrderedDictionary)) return null;
                var pso = Expression.Parameter(typeof(PSObject), "pso");
                return Expression.Lambda<Func<PSObject, OrderedDictionary?>>(Expression.Property(Expression.Property(pso, instanceMembers), members), pso).Compile();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is MemberAccessException || ex is AmbiguousMatchException)
            {
                return null;
            }
        }
    }
}
