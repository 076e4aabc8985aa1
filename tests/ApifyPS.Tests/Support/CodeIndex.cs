using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace ApifyPS.Tests.Support;

/// <summary>
/// The types, members and string literals of the project's assemblies (the module, its loader, the local server,
/// these tests), read without loading them (a MetadataLoadContext), and of .NET and PowerShell for names the docs
/// borrow from them. <see cref="Resolve"/> says whether a dotted name written in the docs exists.
/// </summary>
public sealed class CodeIndex : IDisposable
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private readonly MetadataLoadContext _context;
    private readonly Dictionary<string, List<Type>> _projectTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _projectFullNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _projectMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _projectLiterals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
    private readonly string[] _frameworkPaths;
    private Dictionary<string, List<Type>>? _frameworkTypes;

    /// <param name="projectAssemblies">The assemblies whose names the docs describe.</param>
    /// <param name="literalAssemblies">Those (of the project's) whose string literals count as names: error ids, tags.</param>
    public CodeIndex(IReadOnlyCollection<string> projectAssemblies, IReadOnlyCollection<string> literalAssemblies)
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(runtime.TrimEnd(Path.DirectorySeparatorChar)))!;
        var version = Path.GetFileName(runtime.TrimEnd(Path.DirectorySeparatorChar));
        var aspNet = Path.Combine(shared, "Microsoft.AspNetCore.App", version);
        _frameworkPaths = Directory.GetFiles(runtime, "*.dll")
            .Concat(Directory.Exists(aspNet) ? Directory.GetFiles(aspNet, "*.dll") : [])
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => !projectAssemblies.Contains(p, StringComparer.Ordinal)))
            // PowerShell's own, from runtimes/<os>/ under the tests' output: the one this process runs.
            .Append(typeof(System.Management.Automation.PSObject).Assembly.Location)
            .Where(IsManaged)
            .ToArray();
        _context = new MetadataLoadContext(new PathAssemblyResolver(_frameworkPaths.Concat(projectAssemblies)));
        foreach (var path in projectAssemblies)
        {
            foreach (var type in TypesOf(_context.LoadFromAssemblyPath(path)))
            {
                Add(_projectTypes, type);
                _projectFullNames[type.FullName ?? type.Name] = type;
                foreach (var member in MembersOf(type)) _projectMembers.Add(member.Name);
                foreach (var field in type.GetFields(All | BindingFlags.DeclaredOnly).Where(f => f.IsLiteral))
                    if (TryConstant(field) is string text) _projectLiterals.Add(text);
            }
        }
        foreach (var path in literalAssemblies) _projectLiterals.UnionWith(UserStrings(path));
    }

    public int ProjectTypeCount => _projectFullNames.Count;

    /// <summary>
    /// Null when the name exists, else why not. The name's parts: a namespace and type (ApifyPS.Models.ApifyBuild),
    /// a type of the project or of .NET by its simple name (generic arity dropped), then nested types or members
    /// (enum values included), each part looked up on the type of the one before (a property's, a field's, a method's
    /// result). A single part may also be a member of a project type or one of the project's string literals.
    /// </summary>
    public string? Resolve(IReadOnlyList<string> parts)
    {
        var full = string.Join('.', parts);
        if (_namespaces.Contains(full)) return null;
        for (var n = parts.Count - 1; n >= 1; n--)
        {
            var prefix = string.Join('.', parts.Take(n));
            if (_namespaces.Contains(prefix) && TypesNamed(parts[n], prefix).Count > 0)
                return Walk(TypesNamed(parts[n], prefix), parts, n + 1);
        }
        var heads = TypesNamed(parts[0], null);
        if (heads.Count > 0) return Walk(heads, parts, 1);
        if (parts.Count == 1)
            return _projectMembers.Contains(parts[0]) || _projectLiterals.Contains(parts[0])
                ? null
                : $"no type, member or string of that name";
        return $"no type {parts[0]}";
    }

    private string? Walk(IReadOnlyList<Type> types, IReadOnlyList<string> parts, int next)
    {
        IReadOnlyList<Type> current = types;
        for (var i = next; i < parts.Count; i++)
        {
            var found = new List<Type>();
            var any = false;
            foreach (var type in current)
            {
                foreach (var nested in SafeNested(type).Where(t => SimpleName(t) == parts[i]))
                {
                    any = true;
                    found.Add(nested);
                }
                foreach (var member in MembersOf(type).Where(m => m.Name == parts[i]))
                {
                    any = true;
                    if (ResultOf(member) is { } result) found.Add(result);
                }
            }
            if (!any) return $"{string.Join('.', parts.Take(i))} has no member {parts[i]}";
            current = found.Distinct().ToList();
        }
        return null;
    }

    /// <summary>Types of that simple name: the project's first, else .NET's and PowerShell's (read on first use).</summary>
    private IReadOnlyList<Type> TypesNamed(string name, string? ns)
    {
        foreach (var index in new[] { _projectTypes, FrameworkTypes() })
            foreach (var attempt in new[] { name, name + "Attribute" })
            {
                var found = index.TryGetValue(attempt, out var types)
                    ? types.Where(t => ns == null || (t.Namespace == ns && !t.IsNested)).ToList()
                    : [];
                if (found.Count > 0) return found;
            }
        return [];
    }

    private Dictionary<string, List<Type>> FrameworkTypes()
    {
        if (_frameworkTypes != null) return _frameworkTypes;
        var index = new Dictionary<string, List<Type>>(StringComparer.Ordinal);
        foreach (var path in _frameworkPaths)
        {
            Assembly assembly;
            try { assembly = _context.LoadFromAssemblyPath(path); }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException or FileNotFoundException) { continue; }
            foreach (var type in TypesOf(assembly)) Add(index, type);
        }
        return _frameworkTypes = index;
    }

    private void Add(Dictionary<string, List<Type>> index, Type type)
    {
        var name = SimpleName(type);
        if (!index.TryGetValue(name, out var list)) index[name] = list = [];
        list.Add(type);
        for (var ns = type.Namespace; !string.IsNullOrEmpty(ns); ns = ns.Contains('.') ? ns[..ns.LastIndexOf('.')] : null)
            _namespaces.Add(ns);
    }

    private static string SimpleName(Type type) => type.Name.Split('`')[0];

    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
        catch (FileNotFoundException) { return []; }
    }

    /// <summary>Declared and inherited members (of base classes and, for interfaces, of the interfaces they extend).</summary>
    private static IEnumerable<MemberInfo> MembersOf(Type type)
    {
        var members = new List<MemberInfo>();
        for (var t = type; t != null; t = SafeBase(t))
            members.AddRange(Safe(() => t.GetMembers(All | BindingFlags.DeclaredOnly)));
        if (type.IsInterface)
            foreach (var extended in Safe(() => type.GetInterfaces()))
                members.AddRange(Safe(() => extended.GetMembers(All | BindingFlags.DeclaredOnly)));
        return members;
    }

    private static IEnumerable<Type> SafeNested(Type type) => Safe(() => type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));

    private static Type? SafeBase(Type type)
    {
        try { return type.BaseType; }
        catch (FileNotFoundException) { return null; }
    }

    private static T[] Safe<T>(Func<T[]> read)
    {
        try { return read(); }
        catch (FileNotFoundException) { return []; }
    }

    /// <summary>What the next part is looked up on: the member's type, a Task's or ValueTask's result unwrapped.</summary>
    private static Type? ResultOf(MemberInfo member)
    {
        try
        {
            var type = member switch
            {
                FieldInfo f => f.FieldType,
                PropertyInfo p => p.PropertyType,
                MethodInfo m => m.ReturnType,
                EventInfo e => e.EventHandlerType,
                Type t => t,
                _ => null,
            };
            if (type is { IsGenericType: true } && type.Name is "Task`1" or "ValueTask`1") type = type.GetGenericArguments()[0];
            if (type is { IsGenericType: true, IsGenericTypeDefinition: false }) type = type.GetGenericTypeDefinition();
            return type is { IsGenericParameter: false } ? type : null;
        }
        catch (FileNotFoundException) { return null; }
    }

    private static object? TryConstant(FieldInfo field)
    {
        try { return field.GetRawConstantValue(); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>Every string literal in an assembly's code (its #US heap).</summary>
    private static IEnumerable<string> UserStrings(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var strings = new List<string>();
        for (var handle = reader.GetNextHandle(default(UserStringHandle)); !handle.IsNil; handle = reader.GetNextHandle(handle))
            strings.Add(reader.GetUserString(handle));
        return strings;
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            return pe.HasMetadata;
        }
        catch (BadImageFormatException) { return false; }
    }

    public void Dispose() => _context.Dispose();
}
