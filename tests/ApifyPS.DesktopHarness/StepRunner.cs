using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// Runs the named steps: each passes or fails on its own with a message that says why, and none may hang (a
    /// deadline per step, not a timing assertion). The counts join build.ps1's total.
    /// </summary>
    internal sealed class StepRunner
    {
        public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(120);

        private readonly List<string> _failures = new List<string>();

        public int Passed { get; private set; }

        public int Failed => _failures.Count;

        public IReadOnlyList<string> Failures => _failures;

        public bool Run(string name, Action body, TimeSpan? deadline = null) => Run(name, () =>
        {
            body();
            return Task.FromResult(0);
        }, deadline);

        public bool Run(string name, Func<Task> body, TimeSpan? deadline = null)
        {
            var limit = deadline ?? DefaultDeadline;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var task = Task.Run(body);
                if (!task.Wait(limit))
                    throw new StepFailedException($"did not finish within {limit.TotalSeconds:0} s: something hangs (the step keeps " +
                                                  "running in the background; the harness goes on without it)");
                task.GetAwaiter().GetResult();
                Passed++;
                Console.WriteLine($"PASS {name} ({stopwatch.ElapsedMilliseconds} ms)");
                return true;
            }
            catch (Exception ex)
            {
                var message = Describe(ex);
                _failures.Add($"{name}: {message}");
                Console.WriteLine($"FAIL {name} ({stopwatch.ElapsedMilliseconds} ms): {message}");
                return false;
            }
        }

        /// <summary>A step that could not run because one it needs failed: it counts as failed.</summary>
        public void NotRun(string name, string reason)
        {
            _failures.Add($"{name}: not run: {reason}");
            Console.WriteLine($"FAIL {name}: not run: {reason}");
        }

        /// <summary>A line of what a step found (which file served an assembly, what the core logged), under it.</summary>
        public static void Note(string line) => Console.WriteLine("     " + line);

        /// <summary>Why a step failed, in words: a missing or mismatched assembly says which, and that the Desktop path did not provide it.</summary>
        internal static string Describe(Exception exception)
        {
            var ex = Unwrap(exception);
            if (ex is StepFailedException) return ex.Message;
            for (var e = (Exception?)ex; e != null; e = e.InnerException)
            {
                switch (e)
                {
                    case FileNotFoundException missing:
                        return $"the assembly {missing.FileName ?? "(unnamed)"} could not be found: neither the runtime nor the module's " +
                               $"Desktop path (ApifyPS.Loader serving its dependencies/ folder) provided it. {Where(ex)}";
                    case FileLoadException unloadable:
                        return $"the assembly {unloadable.FileName ?? "(unnamed)"} could not be loaded ({unloadable.Message}). {Where(ex)}";
                    case BadImageFormatException bad:
                        // Mono also reports a type it could not load (a field's type in a missing assembly) this way.
                        return $"a type or assembly could not be loaded ({bad.Message}). {Where(ex)}";
                    case ReflectionTypeLoadException types:
                        return "types of the module could not be loaded: " +
                               string.Join("; ", types.LoaderExceptions.Where(l => l != null).Select(l => Describe(l!)).Distinct()) + ".";
                    case TypeLoadException _:
                    case MissingMemberException _:
                        return $"a dependency is not the version the module was built against ({e.GetType().Name}: {e.Message}). {Where(ex)}";
                }
            }
            if (ex is CoreFailure failure)
                return $"the core failed: {failure.ErrorType}{(failure.StatusCode.HasValue ? " " + failure.StatusCode : "")}: {failure.Message}";
            string details;
            try
            {
                details = ex.ToString();
            }
            catch (Exception)
            {
                details = ex.GetType().FullName + ": " + ex.Message;
            }
            return $"{ex.GetType().FullName}: {ex.Message}{Environment.NewLine}{Indent(details)}";
        }

        private static Exception Unwrap(Exception ex)
        {
            while (true)
            {
                if (ex is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) ex = aggregate.InnerExceptions[0];
                else if (ex is TargetInvocationException invocation && invocation.InnerException != null) ex = invocation.InnerException;
                else return ex;
            }
        }

        private static string Where(Exception ex)
        {
            string trace;
            try
            {
                trace = ex.StackTrace ?? "";
            }
            catch (Exception)
            {
                // Mono resolves the attributes of async frames to print them: with an assembly missing, that fails too.
                trace = "";
            }
            var frames = trace.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(3).ToList();
            return frames.Count == 0 ? $"({ex.GetType().Name})" : $"({ex.GetType().Name} {string.Join(" | ", frames)})";
        }

        private static string Indent(string text) =>
            string.Join(Environment.NewLine, text.Split('\n').Take(25).Select(l => "       " + l.TrimEnd('\r')));
    }
}
