using System.Collections.Generic;
using System.Web.Script.Serialization;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// JSON for the local server's control API, with the .NET Framework's own serializer: the harness must not bring a
    /// System.Text.Json of its own, and the module's copy is the thing under test.
    /// </summary>
    internal static class Json
    {
        private static readonly JavaScriptSerializer Serializer = new JavaScriptSerializer { MaxJsonLength = int.MaxValue };

        public static string Write(object value) => Serializer.Serialize(value);

        public static object Read(string text) => Serializer.DeserializeObject(text);

        public static Dictionary<string, object> Object(string text) => (Dictionary<string, object>)Read(text);
    }
}
