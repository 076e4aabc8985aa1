# One fresh pwsh walking the user's builds as someone without ApifyPS would: Invoke-RestMethod with offset/limit
# until a short page, the items sent down the same `| Measure-Object` as ApifyPS's. Prints one JSON line
# {"walks":[{"items","ms"}]}. APIFY_TOKEN and APIFY_CLIENT_BASE_URL point at the server.
param([int] $Walks = 2)
$ErrorActionPreference = 'Stop'
$headers = @{ Authorization = "Bearer $env:APIFY_TOKEN" }
$base = $env:APIFY_CLIENT_BASE_URL.TrimEnd('/')
$walkResults = foreach ($w in 1..$Walks) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $count = (& {
            $offset = 0
            do {
                $page = (Invoke-RestMethod -Uri "$base/v2/actor-builds?offset=$offset&limit=1000" -Headers $headers).data
                $page.items
                $offset += $page.items.Count
            } while ($page.items.Count -eq 1000)
        } | Measure-Object).Count
    [pscustomobject]@{ items = $count; ms = $sw.Elapsed.TotalMilliseconds }
}
[pscustomobject]@{ walks = @($walkResults) } | ConvertTo-Json -Compress -Depth 4
