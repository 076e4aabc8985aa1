using System.Management.Automation.Runspaces;
using Microsoft.PowerShell;

// pwsh's own console host over the SDK's engine: the same command line as pwsh (-NoProfile, -File, -Command).
return ConsoleShell.Start(InitialSessionState.CreateDefault2(), bannerText: null, helpText: null, args);
