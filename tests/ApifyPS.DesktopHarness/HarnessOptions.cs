using System;
using System.IO;

namespace ApifyPS.DesktopHarness
{
    /// <summary>The command line: where the staged module and the local server are, where the counts go.</summary>
    internal sealed class HarnessOptions
    {
        public const string Usage =
            "usage: mono ApifyPS.DesktopHarness.exe --module <out/ApifyPS> --server <out/emulator/ApifyPS.Emulator.dll> " +
            "[--dotnet <dotnet>] [--summary <file.json>]";

        /// <summary>The staged module folder (out/ApifyPS).</summary>
        public string Module { get; private set; } = "";

        /// <summary>The local server's assembly (out/emulator/ApifyPS.Emulator.dll), run with <see cref="Dotnet"/>.</summary>
        public string Server { get; private set; } = "";

        public string Dotnet { get; private set; } = "dotnet";

        /// <summary>Where to write {"Passed": n, "Failed": n} for build.ps1; none when null.</summary>
        public string? Summary { get; private set; }

        /// <summary>Set in a child harness the parent starts (<see cref="ChildHarness"/>): which of its runs to do.</summary>
        public string? Child { get; private set; }

        public static HarnessOptions Parse(string[] args)
        {
            var options = new HarnessOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--module": options.Module = Path.GetFullPath(Value()); break;
                    case "--server": options.Server = Path.GetFullPath(Value()); break;
                    case "--dotnet": options.Dotnet = Value(); break;
                    case "--summary": options.Summary = Path.GetFullPath(Value()); break;
                    case "--child": options.Child = Value(); break;
                    default: throw new ArgumentException($"Unknown argument {args[i]}.");
                }
            }
            if (options.Module.Length == 0) throw new ArgumentException("--module is required.");
            if (options.Child == null && options.Server.Length == 0) throw new ArgumentException("--server is required.");
            return options;
        }
    }
}
