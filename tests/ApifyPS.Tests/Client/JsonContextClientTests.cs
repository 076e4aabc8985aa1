using System.Reflection;
using System.Text.Json.Serialization;
using ApifyPS.Client;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Every model a resource client lists through the paging engine has compile-time JSON metadata (ApifyJsonContext):
/// a missing one still works through reflection, but slower in a fresh session and with the other copy of the rules.
/// </summary>
public class JsonContextClientTests
{
    public static TheoryData<Type> ListedModels()
    {
        var data = new TheoryData<Type>();
        var listed = typeof(ApifyResourceClient).Assembly.GetTypes()
            .Where(t => t.IsPublic && typeof(ApifyResourceClient).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.ReturnType)
            .Where(r => r.IsGenericType && r.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            .Select(r => r.GetGenericArguments()[0])
            .Where(t => !t.IsGenericParameter && t.Namespace == "ApifyPS.Models")
            .Distinct();
        foreach (var t in listed) data.Add(t);
        return data;
    }

    [Fact]
    public void The_resource_clients_list_models()
    {
        // So the theory below cannot pass by finding nothing to check.
        var models = ((IEnumerable<object[]>)ListedModels()).Select(row => (Type)row[0]).ToList();
        Assert.Contains(typeof(ApifyPS.Models.ApifyBuild), models);
        Assert.Contains(typeof(ApifyPS.Models.ApifyRun), models);
        Assert.True(models.Count >= 5, string.Join(", ", models.Select(m => m.Name)));
    }

    [Theory]
    [MemberData(nameof(ListedModels))]
    public void A_listed_model_has_compile_time_metadata(Type model)
    {
        JsonSerializerContext context = ApifyJsonContext.Default;
        Assert.True(context.GetTypeInfo(model) != null, $"{model.Name} is listed but not in ApifyJsonContext");
        var page = context.GetTypeInfo(typeof(DataEnvelope<>).MakeGenericType(typeof(ListPage<>).MakeGenericType(model)))
                   ?? context.GetTypeInfo(typeof(DataEnvelope<>).MakeGenericType(typeof(KeyListPage<>).MakeGenericType(model)))
                   ?? context.GetTypeInfo(typeof(DataEnvelope<>).MakeGenericType(typeof(CursorListPage<>).MakeGenericType(model)));
        Assert.True(page != null, $"the pages of {model.Name} are not in ApifyJsonContext");
    }
}
