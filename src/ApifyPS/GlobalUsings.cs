// The namespaces nearly every file uses, once for the assembly. System.Management.Automation is not among them:
// only Cmdlets/ and PowerShell/ may use it, so those files import it themselves (the core must not).
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Net.Http;
global using System.Threading;
global using System.Threading.Tasks;
global using ApifyPS.Client;
global using ApifyPS.Models;
