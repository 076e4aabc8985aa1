using System.Diagnostics;
using System.Net;
using ApifyPS.Emulator;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.Routes;
using ApifyPS.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The local Apify-compatible server. Usage:
//   dotnet ApifyPS.Emulator.dll --port 0 --token <token> [--username <name>] [--extra-user <name>:<token>]... [--exit-with <pid>]
//     [--max-wait-for-finish <secs>] [--run-sync-timeout <secs>] [--compress]
// Prints its base URL (http://127.0.0.1:PORT) as the first line of standard output, then serves until stopped.
EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"ApifyPS.Emulator: {ex.Message}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
if (options.Compress)
{
    builder.Services.AddResponseCompression(o =>
    {
        o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
        o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
    });
    builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
    builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
}

var app = builder.Build();
var store = new EmulatorStore(options);
var log = new RequestLog();
if (options.Compress) app.UseResponseCompression();
var faults = new FaultRegistry();
var rateLimiter = new RateLimiter();

app.UseApiAuth(store, log);
app.UseFaults(faults);
rateLimiter.UseRateLimit(app);
app.MapControlRoutes(store, log);
app.MapResilienceControlRoutes(store, faults, rateLimiter);
app.MapBuildRoutes(store);
app.MapActorRoutes(store);
app.MapRunRoutes(store);
app.MapVersionRoutes(store);
app.MapUserRoutes(store);
var results = new RunResults(store);
app.MapDatasetRoutes(store, results);
app.MapKeyValueStoreRoutes(store, results);
app.MapLogRoutes(store, results);
// Account and alerting: usage, limits, webhooks and their real dispatches.
var account = new AccountState();
var dispatcher = new WebhookDispatcher(store, account);
app.MapUsageRoutes(store, account);
app.MapWebhookRoutes(store, account, dispatcher);
app.MapAccountControlRoutes(store, account);
// Tasks and schedules.
app.MapTaskRoutes(store);
app.MapScheduleRoutes(store);
// Reach: resurrect and reboot, the Store, validate-input.
app.MapRunRestartRoutes(store);
app.MapStoreRoutes(store);
app.MapInputValidationRoutes(store, new InputSchemas());
app.MapBuildOpenApiRoutes(store);
// Storages as objects, queue requests, run and build deletion (issue 15).
app.MapStorageRoutes(store, results);
app.MapRequestQueueRoutes(store, results);
app.MapJobDeleteRoutes(store);
app.MapFallback(ctx => ctx.Request.Path.StartsWithSegments("/v2")
    ? ApiResponse.Error(ctx, 404, "page-not-found", $"No API endpoint {ctx.Request.Method} {ctx.Request.Path}.")
    : ApiResponse.Error(ctx, 404, "page-not-found", "Not found."));

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine(new Uri(address).GetLeftPart(UriPartial.Authority).Replace("localhost", "127.0.0.1"));
Console.Out.Flush();

if (options.ExitWithPid is int parentPid)
{
    _ = Task.Run(async () =>
    {
        try
        {
            using var parent = Process.GetProcessById(parentPid);
            await parent.WaitForExitAsync();
        }
        catch (ArgumentException) { /* already gone */ }
        await app.StopAsync();
    });
}

await app.WaitForShutdownAsync();
return 0;
